using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;
using Microsoft.Extensions.Time.Testing;
using LoadOps.Pipeline.Memory;

namespace LoadOps.Pipeline.Tests.Scene;

/// <summary>
/// Every stage over in-memory stores, a fake clock, definitions in a dictionary, a launcher that records and a
/// publisher that remembers. <see cref="DriveAsync"/> hands each sent message to its stage until none is left, as the
/// queue pump does; the test plays the runners with <see cref="ReportAsync"/> and moves time with <see cref="Clock"/>.
/// </summary>
internal sealed class StageScene
{
    public const string Repository = "octo/shop";
    public const string Commit = "0123456789abcdef0123456789abcdef01234567";
    public const string TestName = "checkout";
    public const string DefinitionPath = "loadtests/checkout.loadtest.yaml";
    public const string Scenario = "browse";
    public const string Step = "list-products";

    public static readonly DateTimeOffset Start = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    public StageScene(string? definition = null, RecordingLauncher? launcher = null, Cost.CostOptions? cost = null, IRunnerTeardown? teardown = null)
    {
        Files.Put(DefinitionPath, definition ?? Definition());
        Launcher = launcher ?? new RecordingLauncher();
        Stores = InMemoryPipelineStores.Create(Clock);
        var plan = new PlanOptions { StartDelay = TimeSpan.FromSeconds(5), ReportGrace = TimeSpan.FromSeconds(30), Interval = TimeSpan.FromSeconds(5) };
        Stages = new PipelineStages(Stores, Files, Launcher, Clock, plan, cost, teardown, Publisher, TimeSpan.FromSeconds(10));
    }

    public FakeTimeProvider Clock { get; } = new(Start);
    public DefinitionFiles Files { get; } = new();
    public RecordingLauncher Launcher { get; }
    public RecordingPublisher Publisher { get; } = new();
    public PipelineStores Stores { get; }
    public PipelineStages Stages { get; }
    public InMemoryStageBus Bus => (InMemoryStageBus)Stores.Bus;
    public InMemoryArtifacts Artifacts => (InMemoryArtifacts)Stores.Results;

    /// <summary>Every message is handed to its stage twice, as an at-least-once queue may deliver it.</summary>
    public bool DeliverEachTwice { get; set; }

    /// <summary>What each handled message's stage said, in order.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>A 15-second open-model test of two local shards, erroring under 5%, compared with three main runs.</summary>
    public static string Definition(string runners = "- { location: local, count: 2 }", string thresholds = "- \"errors < 5%\"") => $$"""
        version: 1
        name: {{TestName}}
        target:
          baseUrl: http://127.0.0.1:8080
        load:
          model: open
          stages:
            - { duration: 15s, rate: 20 }
        scenarios:
          - name: {{Scenario}}
            steps:
              - name: {{Step}}
                request: GET /api/products?page=1
                expect: { status: 200 }
        runners:
          {{runners}}
        thresholds:
          {{thresholds}}
        baseline:
          branch: main
          runs: 3
        """;

    public static RunRequest Push(string requestId, string branch = "main") => new()
    {
        RequestId = requestId,
        Trigger = RunTrigger.Push,
        Repository = Repository,
        Commit = Commit,
        Branch = branch,
    };

    /// <summary>The id of the run a request makes for the scene's test.</summary>
    public static string RunIdOf(string requestId) => RunIds.For(requestId, TestName);

    /// <summary>Sends a request and drives every stage it leads to; returns the run it made.</summary>
    public async Task<RunRecord> RequestAsync(RunRequest request, CancellationToken cancellationToken)
    {
        await Stores.Bus.SendAsync(request, cancellationToken);
        await DriveAsync(cancellationToken);
        return await Stores.Runs.GetAsync(RunIdOf(request.RequestId), cancellationToken)
            ?? throw new InvalidOperationException($"Request {request.RequestId} made no run. Notes: {string.Join(" / ", Notes)}");
    }

    /// <summary>
    /// Every launched shard of the run uploads its result and reports, then the stages run on. Shards named in
    /// <paramref name="silent"/> never report, as if their machine vanished.
    /// </summary>
    public async Task ReportAsync(string runId, CancellationToken cancellationToken, double latencyMs = 20, int failedPerInterval = 0, params string[] silent)
    {
        foreach (var spec in Launcher.Launched.Where(s => s.RunId == runId && !silent.Contains(s.ShardId)))
        {
            var blob = await Stores.Results.PutShardResultAsync(ShardResults.For(spec, latencyMs, failedPerInterval: failedPerInterval), cancellationToken);
            await Stores.Bus.SendAsync(new ShardDone(runId, spec.ShardId, blob), cancellationToken);
        }
        await DriveAsync(cancellationToken);
    }

    /// <summary>A whole run on main: requested, reported by every shard at <paramref name="latencyMs"/>, evaluated and reported.</summary>
    public async Task<RunRecord> CompleteRunAsync(string requestId, double latencyMs, CancellationToken cancellationToken, string branch = "main")
    {
        var run = await RequestAsync(Push(requestId, branch), cancellationToken);
        await ReportAsync(run.RunId, cancellationToken, latencyMs);
        return (await Stores.Runs.GetAsync(run.RunId, cancellationToken))!;
    }

    /// <summary>Hands each waiting message to its stage, and what that sends next, until nothing waits; bounded.</summary>
    public async Task DriveAsync(CancellationToken cancellationToken)
    {
        for (var handled = 0; Bus.TakeNext() is { } message; handled++)
        {
            if (handled > 1_000)
                throw new InvalidOperationException("The stages kept sending messages: " + string.Join(" / ", Notes.TakeLast(10)));
            for (var delivery = DeliverEachTwice ? 2 : 1; delivery > 0; delivery--)
            {
                var outcome = await HandleAsync(message, cancellationToken);
                Notes.Add(outcome.Note);
                await Stores.Bus.SendAsync(outcome, cancellationToken);
            }
        }
    }

    private Task<StageOutcome> HandleAsync(object message, CancellationToken cancellationToken) =>
        Stages.RouteOf(PipelineQueues.QueueOf(message)).HandleAsync(message, cancellationToken);
}
