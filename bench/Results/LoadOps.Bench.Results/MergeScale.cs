using System.Diagnostics;
using HdrHistogram;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;

namespace LoadOps.Bench.Results;

/// <summary>Streamed merge of many shard results: each file is read, added and dropped before the next.</summary>
internal static class MergeScale
{
    private const int Steps = 20;
    private const int Intervals = 120;
    private static readonly string[] Locations = ["azure/westeurope", "aws/us-east-1", "pool/lab"];
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static async Task GenerateAsync(string folder, int shards, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(1);
        // A pool of realistic interval histograms (~200 skewed latencies each), reused across shards.
        var pool = SkewedHistograms(random, 64, 200).Select(HistogramCodec.Encode).ToArray();
        for (var s = 0; s < shards; s++)
        {
            var steps = Enumerable.Range(0, Steps).Select(step => new StepResult("main", $"step-{step:00}",
                [.. Enumerable.Range(0, Intervals).Select(i => new IntervalStats
                {
                    Start = Start.AddSeconds(5 * i),
                    Ok = 200,
                    Failed = new FailureCounts(Timeout: random.Next(3)),
                    Histogram = pool[random.Next(pool.Length)],
                })])).ToList();
            var result = new ResultFile
            {
                RunId = "bench-run",
                ShardId = $"shard-{s:0000}",
                Definition = "bench",
                DefinitionHash = "bench-hash",
                Location = Locations[s % Locations.Length],
                Start = Start,
                End = Start.AddSeconds(5 * Intervals),
                Steps = steps,
                Health = [.. Enumerable.Range(0, Intervals).Select(i => new HealthSample { Start = Start.AddSeconds(5 * i), Cpu = random.NextDouble(), Scheduled = 4_000 })],
                Shards = [new ShardInfo($"shard-{s:0000}", s, Locations[s % Locations.Length], ResultStatus.Complete)],
            };
            await using var stream = File.Create(Path.Combine(folder, $"shard-{s:0000}.json"));
            await System.Text.Json.JsonSerializer.SerializeAsync(stream, result, LoadOpsJson.Compact, cancellationToken);
        }
        var bytes = Directory.EnumerateFiles(folder, "shard-*.json").Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"wrote {shards} shard results ({Steps} steps × {Intervals} intervals) to {folder}: {bytes / 1e6:0} MB");
    }

    public static async Task<int> MergeAsync(string folder, int shards, CancellationToken cancellationToken)
    {
        var files = Directory.EnumerateFiles(folder, "shard-*.json").Order(StringComparer.Ordinal).Take(shards).ToList();
        if (files.Count < shards)
        {
            Console.Error.WriteLine($"only {files.Count} shard files in {folder}; run generate first");
            return 2;
        }
        var clock = Stopwatch.StartNew();
        var accumulator = new ResultAccumulator();
        long peakManaged = 0;
        var streamed = !Environment.GetCommandLineArgs().Contains("--objects");
        var parallel = Environment.GetCommandLineArgs().Contains("--parallel");
        var reading = TimeSpan.Zero;
        if (parallel)
        {
            // Every core: files opened, read and decoded a few at a time, added in this order.
            using var sampler = new PeakHeapSampler();
            var problems = await accumulator.AddAllAsync([.. files.Select(f => new MergeInput(f, _ => Task.FromResult<Stream?>(File.OpenRead(f))))], cancellationToken);
            if (problems.FirstOrDefault(p => p is not null) is { } failed)
            {
                Console.Error.WriteLine(failed);
                return 2;
            }
            peakManaged = sampler.Peak;
        }
        foreach (var file in parallel ? Enumerable.Empty<string>() : files)
        {
            MergeProblem? problem;
            await using (var stream = File.OpenRead(file))
            {
                if (streamed)
                    problem = await accumulator.AddAsync(stream, file, cancellationToken);
                else
                {
                    // The object path, for comparison: System.Text.Json into records, then added.
                    var before = clock.Elapsed;
                    var read = await ResultFileReader.ReadAsync(stream, file, cancellationToken);
                    reading += clock.Elapsed - before;
                    problem = read.Problem ?? accumulator.Add(read.Result!, file);
                }
            }
            if (problem is not null)
            {
                Console.Error.WriteLine(problem);
                return 2;
            }
            peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(forceFullCollection: false));
        }
        var added = clock.Elapsed;
        var addedCpu = Cpu();
        // Live memory of the running sums (and the two staging batches): a full collection, outside the timings.
        clock.Stop();
        var live = GC.GetTotalMemory(forceFullCollection: true);
        clock.Start();
        var merged = accumulator.Build();
        var output = Path.Combine(folder, $"merged-{shards}.json");
        await using (var stream = File.Create(output))
            await System.Text.Json.JsonSerializer.SerializeAsync(stream, merged, LoadOpsJson.Compact, cancellationToken);
        clock.Stop();
        var builtCpu = Cpu();
        var summary = ResultSummarizer.Summarize(merged);
        var summaryCpu = Cpu() - builtCpu;
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"merged {shards} shards: {(parallel ? "every core" : streamed ? "streamed" : "objects")}: add {added.TotalSeconds:0.0} s{(streamed ? "" : $" (of which reading JSON {reading.TotalSeconds:0.0} s)")}, total with build+write {clock.Elapsed.TotalSeconds:0.0} s; CPU (both threads, from process start) add {addedCpu.TotalSeconds:0.0} s, " +
            $"build+write {(builtCpu - addedCpu).TotalSeconds:0.0} s, summary {summaryCpu.TotalSeconds:0.0} s; " +
            $"peak working set {process.PeakWorkingSet64 / 1e6:0} MB, peak managed heap seen {peakManaged / 1e6:0} MB, live after the last add {live / 1e6:0} MB, " +
            $"requests {summary.Overall.Totals.Total:N0}, p99 {summary.Overall.Value(LoadOps.Core.Definitions.Metric.P99) / 1000:0.0} ms, steps out {merged.Steps.Count}; " +
            $"collections gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, GC pauses {GC.GetTotalPauseDuration().TotalSeconds:0.0} s");
        return 0;
    }

    private static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary><paramref name="count"/> interval histograms of <paramref name="latencies"/> skewed latencies each (<see cref="Latency"/>).</summary>
    internal static List<LongHistogram> SkewedHistograms(Random random, int count, int latencies) =>
        [.. Enumerable.Range(0, count).Select(_ =>
        {
            var histogram = HistogramCodec.Create();
            for (var i = 0; i < latencies; i++)
                histogram.RecordValue(Latency(random));
            return histogram;
        })];

    private static long Latency(Random random)
    {
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Math.Max(1, (long)((random.NextDouble() < 0.03 ? 400_000 : 20_000) * Math.Exp(0.5 * normal)));
    }
}
