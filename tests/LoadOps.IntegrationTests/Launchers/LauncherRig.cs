using LoadOps.Cloud.Aci;
using LoadOps.Cloud.Cost;
using LoadOps.Cloud.Ecs;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Pools;
using LoadOps.Cloud.Storage;
using LoadOps.Cloud.Tests.Aci;
using LoadOps.Core.Definitions;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;
using LoadOps.IntegrationTests.Storage;
using LoadOps.Pipeline;
using LoadOps.Pipeline.Cost;

namespace LoadOps.IntegrationTests.Launchers;

/// <summary>
/// Stores over fresh Azurite names, a <see cref="FakeCloud"/>, the location launcher pointed at it, and a helper that
/// puts a planned run in front of the dispatch stage.
/// </summary>
internal sealed class LauncherRig : IAsyncDisposable
{
    private readonly HttpClient _http = new();

    private LauncherRig(StorageClients clients, FakeCloud cloud, CostOptions? cost)
    {
        Clients = clients;
        Cloud = cloud;
        Runs = new RunStore(clients, TimeProvider.System);
        Shards = new ShardStore(clients, Runs, TimeProvider.System);
        var aciOptions = new AciOptions { SubscriptionId = "sub-1", ResourceGroup = "rg", Image = "runner:1", Endpoint = cloud.Server.Address };
        Aci = new AciLauncher(new ArmRestClient(_http, new FixedTokenCredential(), aciOptions), aciOptions);
        var credentials = new EnvironmentCredentialSource(name => name switch { "AWS_ACCESS_KEY_ID" => "AKIDTEST", "AWS_SECRET_ACCESS_KEY" => "secret", _ => null });
        var ecsOptions = new EcsOptions { Region = "us-east-1", Cluster = "loadops", TaskDefinition = "runner:1", Subnets = ["subnet-a"] };
        Ecs = new EcsLauncher(new EcsJsonClient(_http, cloud.Server.Address, "us-east-1", credentials, TimeProvider.System), ecsOptions);
        var grants = new PoolGrants(clients, TimeProvider.System);
        Queue = new ShardQueueWriter(clients, grants, TimeProvider.System);
        Launcher = new LocationLauncher(new LauncherSet { Aci = Aci, Grants = grants, Ecs = Ecs, EcsRegion = "us-east-1", ShardQueue = Queue });
        var gate = cost is null ? null : new RunCostGate(new SpendStore(clients), cost, TimeProvider.System);
        Dispatch = new DispatchStage(Runs, Shards, new PipelineBlobs(clients), Launcher, gate);
        Sweep = new RunnerSweep(Runs, Shards, new RunnerTeardown(Aci, Ecs));
    }

    public StorageClients Clients { get; }
    public FakeCloud Cloud { get; }
    public RunStore Runs { get; }
    public ShardStore Shards { get; }
    public AciLauncher Aci { get; }
    public EcsLauncher Ecs { get; }
    public ShardQueueWriter Queue { get; }
    public LocationLauncher Launcher { get; }
    public DispatchStage Dispatch { get; }
    public RunnerSweep Sweep { get; }

    public static async Task<LauncherRig> StartAsync(AzuriteFixture azurite, CancellationToken cancellationToken, CostOptions? cost = null) =>
        new(await azurite.NewClientsAsync(cancellationToken), await FakeCloud.StartAsync(), cost);

    /// <summary>A run in validation with its plan stored and its shards pending, ready for <see cref="Dispatch"/>.</summary>
    public async Task<StoredPlan> PlanRunAsync(string runId, CancellationToken cancellationToken, DateTimeOffset? deadline = null, params RunnerSpec[] runners)
    {
        // The runners' grants expire at the run's deadline, so the specs carry the plan's.
        var until = deadline ?? DateTimeOffset.UtcNow.AddHours(1);
        var shards = AciTestSpecs.Plan(runners).Select(s => s with { RunId = runId, ShardId = RunPlanner.ShardId(runId, s.ShardIndex), Deadline = until }).ToList();
        var plan = new StoredPlan(runId, shards[0].StartAt, until, shards);
        await Runs.CreateAsync(TestRuns.NewRun(runId), cancellationToken);
        await Runs.TransitionAsync(runId, RunStatus.Validating, "validated", cancellationToken);
        await new PipelineBlobs(Clients).WritePlanOnceAsync(plan, cancellationToken);
        await Shards.CreateAsync(runId, shards.Select(ShardRecord.Pending).ToList(), plan.Deadline, cancellationToken);
        return plan;
    }

    public Task<StageOutcome> DispatchAsync(string runId, CancellationToken cancellationToken) =>
        Dispatch.HandleAsync(new DispatchRun(runId), cancellationToken);

    public async Task<int> QueuedSpecsAsync(string location, CancellationToken cancellationToken)
    {
        var queue = Clients.Queues.GetQueueClient(Queue.QueueName(location));
        if (!(await queue.ExistsAsync(cancellationToken)).Value)
            return 0;
        return (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Cloud.DisposeAsync();
    }
}
