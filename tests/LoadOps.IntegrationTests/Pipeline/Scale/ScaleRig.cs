using System.Collections.Concurrent;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Pipeline.Scale;

/// <summary>
/// A repository with one definition of <c>shards</c> local runners (no load is sent: the launcher is canned), the
/// stages over fresh Azurite names, and two queue pumps that work the same queues at once, as two workers would.
/// </summary>
internal sealed class ScaleRig : IAsyncDisposable
{
    public const string TestName = "scale";

    private ScaleRig(string folder, PipelineStages stages, CannedShardLauncher launcher, CountingPublisher publisher, QueuePump[] pumps, ConcurrentQueue<string> log)
    {
        Folder = folder;
        Stages = stages;
        Launcher = launcher;
        Publisher = publisher;
        Pumps = pumps;
        Log = log;
    }

    public string Folder { get; }
    public PipelineStages Stages { get; }
    public CannedShardLauncher Launcher { get; }
    public CountingPublisher Publisher { get; }
    public QueuePump[] Pumps { get; }
    public ConcurrentQueue<string> Log { get; }

    /// <summary>Merges done, by whichever stage did them (collect, or dispatch when every shard reported during it).</summary>
    public int Merges => Log.Count(line => line.Contains(" shards merged into ", StringComparison.Ordinal));

    public static async Task<ScaleRig> StartAsync(AzuriteFixture azurite, int shards, Func<ResultStore, StageSender, CannedShardLauncher> launcher, CancellationToken cancellationToken, IReadOnlyList<LocationQuota>? quotas = null)
    {
        var folder = Directory.CreateTempSubdirectory("loadops-scale-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "loadtests"));
        Directory.CreateDirectory(Path.Combine(folder, ".loadops"));
        await File.WriteAllTextAsync(Path.Combine(folder, ".loadops", "policy.yaml"), "maxRunners: 1000\nmaxConcurrentRunners: 1000\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "loadtests", "scale.loadtest.yaml"), $$"""
            version: 1
            name: {{TestName}}
            target: { baseUrl: http://127.0.0.1:9 }
            load: { model: open, stages: [ { duration: 1m, rate: {{shards * 2}} } ] }
            scenarios:
              - name: browse
                steps:
                  - { name: list, request: GET /api/products }
            runners: [ { location: local, count: {{shards}} } ]
            thresholds: [ "errors < 1%" ]
            """, cancellationToken);

        var clients = await azurite.NewClientsAsync(cancellationToken);
        var sender = new StageSender(clients);
        var canned = launcher(new ResultStore(clients, TimeProvider.System), sender);
        var publisher = new CountingPublisher();
        var stages = new PipelineStages(AzurePipelineStores.Create(clients, TimeProvider.System), new LocalDefinitionSource(folder), canned, TimeProvider.System,
            new PlanOptions { StartDelay = TimeSpan.Zero, Quotas = quotas ?? [] }, publisher: publisher);
        var log = new ConcurrentQueue<string>();
        var options = new QueuePumpOptions { BatchSize = 32, VisibilityTimeout = TimeSpan.FromMinutes(2) };
        QueuePump[] pumps = [new(stages, clients, log.Enqueue, options), new(stages, clients, log.Enqueue, options)];
        return new ScaleRig(folder, stages, canned, publisher, pumps, log);
    }

    public static RunRequest Request(string requestId) => new()
    {
        RequestId = requestId,
        Trigger = RunTrigger.Push,
        Repository = "octo/shop",
        Commit = "0123456789abcdef0123456789abcdef01234567",
        Branch = "main",
    };

    /// <summary>Both pumps work until the run is terminal and the queues are empty; never the deadline sweep. Bounded to four minutes.</summary>
    public async Task<RunRecord> RunAsync(string requestId, CancellationToken cancellationToken)
    {
        await Stages.Sender.SendAsync(Request(requestId), cancellationToken);
        return await PumpUntilTerminalAsync(RunIds.For(requestId, TestName), cancellationToken);
    }

    /// <summary>Both pumps work until the run is terminal and the queues are empty, as <see cref="RunAsync"/>.</summary>
    public async Task<RunRecord> PumpUntilTerminalAsync(string runId, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(4);
        while (DateTime.UtcNow < until)
        {
            var handled = await Task.WhenAll(Pumps.Select(p => p.PumpOnceAsync(cancellationToken)));
            if (handled.Sum() == 0 && await Stages.Runs.GetAsync(runId, cancellationToken) is { IsTerminal: true } run)
                return run;
            if (handled.Sum() == 0)
                await Task.Delay(50, cancellationToken);
        }
        throw new TimeoutException($"Run {runId} did not finish within four minutes. Log:\n{string.Join("\n", Log.TakeLast(40))}");
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
