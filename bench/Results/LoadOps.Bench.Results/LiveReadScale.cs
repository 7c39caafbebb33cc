using System.Diagnostics;
using System.Text.Json;
using LoadOps.Core.Definitions;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;
using LoadOps.Pipeline;
using LoadOps.Pipeline.Live;
using LoadOps.Pipeline.Memory;

namespace LoadOps.Bench.Results;

/// <summary>
/// What a live read of a run under way costs (<see cref="LiveRunReader"/>, as the run API and the check-run tick read):
/// the first N files of <c>generate</c> become the shards' interim snapshots after <c>--intervals K</c> of their 120
/// intervals, written as a runner writes them into the in-memory store. Measured: the first read (everything merged),
/// a read after every shard gained one interval, a read with nothing changed, and for comparison the merge from scratch
/// of the same snapshots every read made before.
/// </summary>
internal static class LiveReadScale
{
    private const string RunId = "bench-run";

    public static async Task<int> RunAsync(string folder, int shards, int intervals, CancellationToken cancellationToken)
    {
        var files = Directory.EnumerateFiles(folder, "shard-*.json").Order(StringComparer.Ordinal).Take(shards).ToList();
        if (files.Count < shards)
        {
            Console.Error.WriteLine($"only {files.Count} shard files in {folder}; run generate first");
            return 2;
        }
        var store = new InMemoryArtifacts(TimeProvider.System);
        var grown = new List<(string ShardId, byte[] Json)>();
        DateTimeOffset start = default;
        long bytes = 0;
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(file);
            var whole = await JsonSerializer.DeserializeAsync<ResultFile>(stream, LoadOpsJson.Options, cancellationToken) ?? throw new InvalidDataException(file);
            start = whole.Start;
            var first = JsonSerializer.SerializeToUtf8Bytes(Snapshot(whole, intervals), LoadOpsJson.Options);
            bytes += first.Length;
            store.PutInterimResult(RunId, whole.ShardId!, first);
            grown.Add((whole.ShardId!, JsonSerializer.SerializeToUtf8Bytes(Snapshot(whole, intervals + 1), LoadOpsJson.Options)));
        }
        await store.WritePlanOnceAsync(new StoredPlan(RunId, start, start.AddHours(1), [.. Enumerable.Range(0, shards).Select(i => Spec(i, shards, start))]), cancellationToken);
        Console.WriteLine($"{shards} snapshots of {intervals} intervals in memory: {bytes / 1e6:0} MB; load average {LoadAverage()}");

        var run = new RunRecord { RunId = RunId, TestName = "bench", DefinitionHash = "bench-hash", Repo = "octo/bench", Trigger = RunTrigger.Push, Status = RunStatus.Running };
        await MeasureAsync("merge from scratch (every read before), first in the process", () => FromScratchAsync(store, start, shards, cancellationToken));
        var reader = new LiveRunReader(store, store, TimeProvider.System);
        await MeasureAsync("first read (every snapshot merged)", () => reader.ReadAsync(run, cancellationToken));
        foreach (var (shardId, json) in grown)
            store.PutInterimResult(RunId, shardId, json);
        var incremental = await MeasureAsync($"every shard gained one interval ({intervals + 1})", () => reader.ReadAsync(run, cancellationToken));
        await MeasureAsync("nothing changed", () => reader.ReadAsync(run, cancellationToken));
        var scratch = await MeasureAsync("merge from scratch, again", () => FromScratchAsync(store, start, shards, cancellationToken));
        var same = JsonSerializer.Serialize(incremental with { ElapsedSeconds = 0 }, LoadOpsJson.Options) == JsonSerializer.Serialize(scratch with { ElapsedSeconds = 0 }, LoadOpsJson.Options);
        Console.WriteLine($"figures equal to the merge from scratch: {same}; {incremental.Requests:N0} requests, p99 {incremental.P99Ms} ms; load average {LoadAverage()}");
        return same ? 0 : 1;
    }

    private static async Task<LiveFigures> MeasureAsync(string what, Func<Task<LiveFigures?>> read)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var figures = await read() ?? throw new InvalidOperationException("no figures");
        clock.Stop();
        process.Refresh();
        Console.WriteLine($"{what}: wall {clock.Elapsed.TotalSeconds:0.000} s, CPU {(process.TotalProcessorTime - cpu).TotalSeconds:0.000} s");
        return figures;
    }

    private static async Task<LiveFigures?> FromScratchAsync(InMemoryArtifacts store, DateTimeOffset start, int shards, CancellationToken cancellationToken)
    {
        var accumulator = new ResultAccumulator(new MergeOptions { ExpectedShards = shards });
        var names = await store.ListInterimSnapshotsAsync(RunId, cancellationToken);
        await accumulator.AddAllAsync([.. names.Select(n => new MergeInput(n.Name, ct => store.OpenResultAsync(n.Name, ct)))], cancellationToken);
        return LiveFiguresBuilder.Build(accumulator.Build(), accumulator.InputCount, shards, start, TimeSpan.FromMinutes(10), DateTimeOffset.UtcNow);
    }

    /// <summary>The shard's interim snapshot after its first <paramref name="intervals"/> intervals, as its runner writes it.</summary>
    private static ResultFile Snapshot(ResultFile whole, int intervals) => whole with
    {
        Status = ResultStatus.Running,
        End = whole.Start + (whole.Interval * intervals),
        Steps = [.. whole.Steps.Select(s => s with { Intervals = [.. s.Intervals.Take(intervals)] })],
        Health = [.. whole.Health.Take(intervals)],
    };

    private static ShardSpec Spec(int index, int count, DateTimeOffset start) => new()
    {
        RunId = RunId,
        ShardId = $"shard-{index:0000}",
        ShardIndex = index,
        ShardCount = count,
        Location = "local",
        StartAt = start,
        Deadline = start.AddHours(1),
        DefinitionHash = "bench-hash",
        Definition = new LoadTestDefinition
        {
            Name = "bench",
            Target = new TargetSpec { BaseUrl = "http://127.0.0.1:9" },
            Load = new LoadSpec { Model = LoadModel.Open, Stages = [new StageSpec(TimeSpan.FromMinutes(10), 10)] },
            Scenarios = [new ScenarioSpec("main", 1, [new StepSpec { Name = "step-00", Method = "GET", Path = "/" }])],
            Runners = [new RunnerSpec("local", count)],
        },
    };

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
