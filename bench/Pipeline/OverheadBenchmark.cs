using System.Diagnostics;
using System.Globalization;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;
using LoadOps.Pipeline;

namespace LoadOps.Bench.Pipeline;

/// <summary>
/// From a <see cref="RunRequest"/> on the validate queue to the report blobs written, with a <see cref="CannedLauncher"/>
/// (no load), driven by one <see cref="QueuePump"/> that polls again at once when idle. Per-stage figures are the time
/// from the request to the last message each stage handled.
/// </summary>
internal static class OverheadBenchmark
{
    private static readonly string[] StageOrder = [.. StageQueueNames.Stages];

    public static async Task RunAsync(string connectionString, CpuClock cpu, IReadOnlyList<int> shardCounts, int runs, CancellationToken cancellationToken)
    {
        Console.WriteLine($"orchestration overhead, canned shard results, {runs} measured runs after 2 warm-up runs per shard count");
        using var counter = new StorageCallCounter();
        Console.WriteLine("shards | median ms | p95 ms | min ms | max ms | median CPU ms (bench + Azurite) | storage calls per shard without queue polls (median) | queue polls (median) | median ms at the end of: " + string.Join(", ", StageOrder.Select(s => s.Replace("loadops-", "", StringComparison.Ordinal))));
        foreach (var shards in shardCounts)
        {
            var folder = Directory.CreateTempSubdirectory("loadops-bench-");
            try
            {
                WriteRepository(folder.FullName, shards);
                var clients = StorageClients.FromConnectionString(connectionString, new StorageNames($"b{shards}x{Environment.TickCount64 % 100000}"));
                await new StorageProvisioner(clients).EnsureCreatedAsync(cancellationToken);
                var samples = new List<(double Total, double Cpu, double CallsPerShard, double Polls, Dictionary<string, double> Stages)>();
                for (var run = 0; run < runs + 2; run++)
                {
                    var (cpuBefore, callsBefore, pollsBefore) = (cpu.Now(), counter.Requests, counter.QueuePolls);
                    var (total, stageEnds) = await OneRunAsync(clients, folder.FullName, $"bench-{shards}-{run}", cancellationToken);
                    var polls = counter.QueuePolls - pollsBefore;
                    if (run >= 2)
                        samples.Add((total, (cpu.Now() - cpuBefore).TotalMilliseconds, (counter.Requests - callsBefore - polls) / (double)shards, polls, stageEnds));
                }
                var totals = samples.Select(s => s.Total).Order().ToList();
                var cpuMedian = Percentile(samples.Select(s => s.Cpu).Order().ToList(), 0.5);
                var callsMedian = Percentile(samples.Select(s => s.CallsPerShard).Order().ToList(), 0.5);
                var pollsMedian = Percentile(samples.Select(s => s.Polls).Order().ToList(), 0.5);
                var stages = StageOrder.Select(stage => Percentile(samples.Select(s => s.Stages.GetValueOrDefault(stage)).Order().ToList(), 0.5));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{shards,6} | {Percentile(totals, 0.5),9:F0} | {Percentile(totals, 0.95),6:F0} | {totals[0],6:F0} | {totals[^1],6:F0} | {cpuMedian,8:F0} | {callsMedian,6:F1} | {pollsMedian,6:F0} | {string.Join(", ", stages.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))}"));
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }
    }

    private static async Task<(double Total, Dictionary<string, double> Stages)> OneRunAsync(StorageClients clients, string repository, string requestId, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var stageEnds = new Dictionary<string, double>();
        var reported = false;
        var sender = new StageSender(clients);
        var launcher = new CannedLauncher(new ResultStore(clients, TimeProvider.System), sender);
        var stages = new PipelineStages(AzurePipelineStores.Create(clients, TimeProvider.System), new LocalDefinitionSource(repository), launcher, TimeProvider.System, new PlanOptions { StartDelay = TimeSpan.Zero });
        var pump = new QueuePump(stages, clients, line =>
        {
            var stage = line[..Math.Max(0, line.IndexOf(':', StringComparison.Ordinal))];
            lock (stageEnds)
                stageEnds[stage] = clock.Elapsed.TotalMilliseconds;
        })
        {
            AfterReport = (_, _) =>
            {
                reported = true;
                return Task.CompletedTask;
            },
        };

        clock.Restart();
        await sender.SendAsync(new RunRequest
        {
            RequestId = requestId,
            Trigger = RunTrigger.Push,
            Repository = "bench/pipeline",
            Commit = "0123456789abcdef0123456789abcdef01234567",
            Branch = "main",
        }, cancellationToken);
        var limit = TimeSpan.FromMinutes(5);
        while (!reported)
        {
            if (clock.Elapsed > limit)
                throw new TimeoutException($"{requestId} was not reported within {limit.TotalMinutes} minutes.");
            if (await pump.PumpOnceAsync(cancellationToken) == 0)
                await Task.Delay(5, cancellationToken);
        }
        var total = clock.Elapsed.TotalMilliseconds;
        await launcher.DrainAsync();
        var run = await stages.Runs.GetAsync(RunIds.For(requestId, "bench-overhead"), cancellationToken);
        if (run?.Status != RunStatus.Reported)
            throw new InvalidOperationException($"{requestId}: {run?.Status} ({run?.StatusReason})");
        return (total, stageEnds);
    }

    private static void WriteRepository(string root, int shards)
    {
        Directory.CreateDirectory(Path.Combine(root, "loadtests"));
        Directory.CreateDirectory(Path.Combine(root, ".loadops"));
        File.WriteAllText(Path.Combine(root, ".loadops", "policy.yaml"), "maxRunners: 1000\nmaxConcurrentRunners: 1000\n");
        File.WriteAllText(Path.Combine(root, "loadtests", "bench.loadtest.yaml"), $$"""
            version: 1
            name: bench-overhead
            target: { baseUrl: http://127.0.0.1:9 }
            load: { model: open, stages: [ { duration: 1m, rate: {{shards * 2}} } ] }
            scenarios:
              - name: browse
                steps:
                  - { name: list, request: GET /api/products }
            runners: [ { location: local, count: {{shards}} } ]
            thresholds: [ "p95 < 500ms", "errors < 1%" ]
            baseline: { branch: main, runs: 5 }
            """);
    }

    internal static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
