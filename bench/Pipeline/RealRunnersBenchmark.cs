using System.Globalization;
using LoadOps.Cli.Serve;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Pipeline;
using LoadOps.Testing;

namespace LoadOps.Bench.Pipeline;

/// <summary>
/// From a <see cref="RunRequest"/> on the validate queue to the run recorded as reported, through the real serve host
/// (<see cref="ServeHost"/>, in this process) with real <c>loadops-runner shard</c> processes sending a light, bounded
/// load to the sample target in this process on 127.0.0.1. Overhead is the wall time less the planned start delay and
/// load duration, i.e. what the pipeline and the runners' start and finish add to the load itself.
/// </summary>
internal static class RealRunnersBenchmark
{
    internal const string TestName = "bench-real";
    private const int RatePerShard = 20;
    private const int WarmUpRuns = 1;
    internal static readonly TimeSpan StartDelay = TimeSpan.FromSeconds(3);
    // A 1 ms step up to the rate, then a hold (stages ramp from the previous rate, so one stage alone would be a ramp from 0).
    private static readonly TimeSpan StepUp = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(2);
    internal static readonly TimeSpan LoadDuration = StepUp + Hold;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);
    internal static readonly TimeSpan RecordPoll = TimeSpan.FromMilliseconds(20);
    internal static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(3);
    internal static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(3);

    public static async Task RunAsync(string connectionString, CpuClock cpu, IReadOnlyList<int> shardCounts, int runs, CancellationToken cancellationToken)
    {
        await using var target = await SampleTargetHost.StartAsync();
        Console.WriteLine($"real local runners (loadops-runner shard processes) through ServeHost in this process, {runs} measured runs after {WarmUpRuns} warm-up run per shard count");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load: open model, {StepUp.TotalMilliseconds:0} ms step up, then {Hold.TotalSeconds:0} s at {RatePerShard} requests/s per shard ({RatePerShard * Hold.TotalSeconds:0} requests per shard), one GET step, to the sample target in this process at {target.BaseUrl}; serve start delay {StartDelay.TotalSeconds:0} s, serve poll {PollInterval.TotalMilliseconds:0} ms, run record polled every {RecordPoll.TotalMilliseconds:0} ms"));
        Console.WriteLine("wall = request sent to the run seen reported; overhead = wall - (start delay + load duration).");
        Console.WriteLine("CPU and storage calls are counted from the request until serve has copied the reports and seen every runner end. CPU = this process (serve host, sample target) + Azurite; the runner processes are separate and NOT counted.");
        Console.WriteLine("storage calls = this process's Azure SDK requests without queue receives and the bench's own run-record polls, per shard; the runners' own calls (result upload, ShardDone) are not counted.");
        Console.WriteLine($"idle serve CPU: after the runs, serve is left idle for {IdleWindow.TotalSeconds:0} s and the CPU (bench + Azurite) measured: the cost of polling the queues every {PollInterval.TotalMilliseconds:0} ms.");
        Console.WriteLine("to plan = request to the run's plan (common start - start delay); after load = planned end of the load to the run seen reported; to last done = planned end of the load to the last runner's ShardDone sent (its done marker written); then serve collects, evaluates and reports.");
        Console.WriteLine("shards | median wall ms | min ms | max ms | median overhead ms | min ms | max ms | median ms to plan | median ms after load | median ms to last done | median ms last done to reported | median CPU ms (bench + Azurite) | idle serve CPU ms per s | storage calls per shard (median) | late-start shards (all runs) | last status");
        using var counter = new StorageCallCounter();
        foreach (var shards in shardCounts)
        {
            var folder = Directory.CreateTempSubdirectory("loadops-bench-real-");
            try
            {
                await MeasureAsync(connectionString, cpu, counter, target.BaseUrl, folder.FullName, shards, runs, cancellationToken);
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }
    }

    private static async Task MeasureAsync(string connectionString, CpuClock cpu, StorageCallCounter counter, string targetUrl, string folder, int shards, int runs, CancellationToken cancellationToken)
    {
        var repository = Path.Combine(folder, "repo");
        var outFolder = Path.Combine(folder, "out");
        WriteRepository(repository, shards, targetUrl);
        var prefix = $"r{shards}x{Environment.TickCount64 % 100000}";
        var clients = StorageClients.FromConnectionString(connectionString, new StorageNames(prefix));
        await new StorageProvisioner(clients).EnsureCreatedAsync(cancellationToken);
        var options = new ServeOptions(connectionString, repository, outFolder) { NamePrefix = prefix, PollInterval = PollInterval, StartDelay = StartDelay };
        var log = new StringWriter(CultureInfo.InvariantCulture);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var serving = Task.Run(() => new ServeHost(options, log, TimeProvider.System).RunAsync(stop.Token), CancellationToken.None);
        var serve = new ServedRuns(serving, log, outFolder, AzurePipelineStores.Create(clients, TimeProvider.System).Runs, new StageSender(clients));
        try
        {
            var samples = new List<Sample>();
            var lateStarts = 0;
            var status = "";
            for (var run = 0; run < runs + WarmUpRuns; run++)
            {
                var (cpuBefore, callsBefore, pollsBefore) = (cpu.Now(), counter.Requests, counter.QueuePolls);
                var outcome = await serve.RunOnceAsync($"real-{shards}-{run}", cancellationToken);
                var calls = counter.Requests - callsBefore - (counter.QueuePolls - pollsBefore) - outcome.RecordReads;
                lateStarts += outcome.LateStarts;
                status = outcome.Status;
                if (run >= WarmUpRuns)
                    samples.Add(new Sample(outcome, (cpu.Now() - cpuBefore).TotalMilliseconds, calls / (double)shards));
            }
            // Serve, warm now, left idle: what polling the queues every PollInterval costs per second.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var idleBefore = cpu.Now();
            await Task.Delay(IdleWindow, cancellationToken);
            var idleCpu = (cpu.Now() - idleBefore).TotalMilliseconds / IdleWindow.TotalSeconds;
            PrintRow(shards, samples, idleCpu, lateStarts, status);
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await serving;
            }
            catch (OperationCanceledException)
            {
                // Stopped while starting.
            }
        }
    }

    private static void PrintRow(int shards, IReadOnlyList<Sample> samples, double idleCpu, int lateStarts, string status)
    {
        var walls = samples.Select(s => s.Run.Wall.TotalMilliseconds).Order().ToList();
        var planned = (StartDelay + LoadDuration).TotalMilliseconds;
        var median = Median(walls);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{shards,6} | {median,14:F0} | {walls[0],6:F0} | {walls[^1],6:F0} | {median - planned,18:F0} | {walls[0] - planned,6:F0} | {walls[^1] - planned,6:F0} | " +
            $"{Median(samples.Select(s => s.Run.ToPlan.TotalMilliseconds)),6:F0} | {Median(samples.Select(s => s.Run.AfterLoad.TotalMilliseconds)),6:F0} | {Median(samples.Select(s => s.Run.ToLastDone.TotalMilliseconds)),6:F0} | {Median(samples.Select(s => (s.Run.AfterLoad - s.Run.ToLastDone).TotalMilliseconds)),6:F0} | " +
            $"{Median(samples.Select(s => s.Cpu)),8:F0} | {idleCpu,6:F0} | {Median(samples.Select(s => s.CallsPerShard)),6:F1} | {lateStarts,3} | {status}"));
    }

    private static double Median(IEnumerable<double> values) => OverheadBenchmark.Percentile(values.Order().ToList(), 0.5);

    private static void WriteRepository(string root, int shards, string targetUrl)
    {
        Directory.CreateDirectory(Path.Combine(root, "loadtests"));
        Directory.CreateDirectory(Path.Combine(root, ".loadops"));
        File.WriteAllText(Path.Combine(root, ".loadops", "policy.yaml"), $"maxRunners: {shards}\nmaxConcurrentRunners: {shards}\n");
        File.WriteAllText(Path.Combine(root, "loadtests", "real.loadtest.yaml"), string.Create(CultureInfo.InvariantCulture, $$"""
            version: 1
            name: {{TestName}}
            target: { baseUrl: {{targetUrl}} }
            load: { model: open, stages: [ { duration: {{StepUp.TotalMilliseconds:0}}ms, rate: {{RatePerShard * shards}} }, { duration: {{Hold.TotalSeconds:0}}s, rate: {{RatePerShard * shards}} } ] }
            scenarios:
              - name: browse
                steps:
                  - { name: products, request: GET /api/products?page=1, expect: { status: 200 } }
            runners: [ { location: local, count: {{shards}} } ]
            thresholds: [ "errors < 1%" ]
            baseline: { branch: main, runs: 5 }
            """));
    }

    private sealed record Sample(RunOutcome Run, double Cpu, double CallsPerShard);
}
