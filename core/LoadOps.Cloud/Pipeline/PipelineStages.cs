using LoadOps.Cloud.Cost;
using LoadOps.Cloud.Publish;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Planning;

namespace LoadOps.Cloud.Pipeline;

/// <summary>
/// Every stage of the pipeline over one storage account, for a host that drives them (Functions, <c>loadops serve</c>,
/// tests). <paramref name="publisher"/> posts to GitHub and Slack; without one nothing is posted.
/// </summary>
public sealed class PipelineStages
{
    /// <param name="cost">Prices and budgets; null: no estimate and no budget (a run's cost is not recorded).</param>
    /// <param name="teardown">Releases cloud runners; null: the host launches none, and <see cref="Runners"/> has nothing to do.</param>
    /// <param name="liveInterval">How often <see cref="Live"/> updates a run's check run (<see cref="PublishOptions.CheckRunUpdateInterval"/>).</param>
    public PipelineStages(
        StorageClients clients, IDefinitionSource source, IShardLauncher launcher, TimeProvider clock, PlanOptions? planOptions = null,
        CostOptions? cost = null, RunnerTeardown? teardown = null, IRunPublisher? publisher = null, TimeSpan? liveInterval = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        Runs = new RunStore(clients, clock);
        Shards = new ShardStore(clients, Runs, clock);
        Results = new ResultStore(clients, clock);
        var blobs = new PipelineBlobs(clients);
        var baselines = new BaselineStore(clients);
        var definitions = new DefinitionLoader(source);
        Publisher = publisher ?? NoRunPublisher.Instance;
        var failedRuns = new FailedRuns(Runs, Publisher);
        Validate = new ValidateStage(definitions, Runs, new ForkGate(new ApprovalStore(clients)), new RepositoryAdmission(new ActiveRunStore(clients), Runs), Publisher);
        Plan = new PlanStage(definitions, Runs, Shards, blobs, clock, planOptions);
        var costGate = cost is null ? null : new RunCostGate(new SpendStore(clients), cost, clock);
        Runners = new RunnerSweep(Runs, Shards, teardown ?? new RunnerTeardown(null, null));
        Collect = new CollectStage(Runs, Shards, Results, failedRuns, clock);
        Dispatch = new DispatchStage(Runs, Shards, blobs, launcher, costGate, Publisher, Collect);
        Evaluate = new EvaluateStage(Runs, Results, blobs, baselines, failedRuns);
        Report = new ReportStage(Runs, Results, blobs, baselines, Publisher);
        Poisoned = new PoisonedRuns(Runs, failedRuns);
        var schedules = new ScheduleStore(clients, clock);
        Schedule = new ScheduleStage(schedules);
        Schedules = new ScheduleRegistrar(definitions, schedules);
        Sender = new StageSender(clients);
        Live = new LiveProgressStage(Runs, new LiveRunReader(Results, blobs, clock), Publisher, clock, liveInterval ?? new PublishOptions().CheckRunUpdateInterval);
    }

    /// <summary>Live figures to check runs while runs are under way (a timer in both hosts).</summary>
    public LiveProgressStage Live { get; }

    public IRunPublisher Publisher { get; }
    public RunStore Runs { get; }
    public ShardStore Shards { get; }
    public ResultStore Results { get; }
    public ValidateStage Validate { get; }
    public PlanStage Plan { get; }
    public DispatchStage Dispatch { get; }
    public CollectStage Collect { get; }

    /// <summary>Deletes container groups and stops tasks whose shard or run has ended.</summary>
    public RunnerSweep Runners { get; }
    public EvaluateStage Evaluate { get; }
    public ReportStage Report { get; }
    public PoisonedRuns Poisoned { get; }
    public ScheduleStage Schedule { get; }
    public ScheduleRegistrar Schedules { get; }
    public StageSender Sender { get; }
}
