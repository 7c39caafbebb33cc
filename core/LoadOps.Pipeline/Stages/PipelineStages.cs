using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;
using LoadOps.Pipeline.Cost;
using LoadOps.Pipeline.Live;
using LoadOps.Pipeline.Publish;

namespace LoadOps.Pipeline;

/// <summary>
/// Every stage of the pipeline over one set of <see cref="PipelineStores"/>, for a host that drives them (Functions,
/// <c>loadops serve</c>, tests). <paramref name="publisher"/> posts to GitHub and Slack; without one nothing is posted.
/// </summary>
public sealed class PipelineStages
{
    /// <param name="cost">Prices and budgets; null: no estimate and no budget (a run's cost is not recorded).</param>
    /// <param name="teardown">Releases cloud runners; null: the host launches none, and <see cref="Runners"/> has nothing to do.</param>
    /// <param name="liveInterval">How often <see cref="Live"/> updates a run's check run (default <see cref="LiveProgressStage.DefaultInterval"/>).</param>
    public PipelineStages(
        PipelineStores stores, IDefinitionSource source, IShardLauncher launcher, TimeProvider clock, PlanOptions? planOptions = null,
        CostOptions? cost = null, IRunnerTeardown? teardown = null, IRunPublisher? publisher = null, TimeSpan? liveInterval = null)
    {
        ArgumentNullException.ThrowIfNull(stores);
        Stores = stores;
        var definitions = new DefinitionLoader(source);
        Publisher = publisher ?? NoRunPublisher.Instance;
        var failedRuns = new FailedRuns(Runs, Publisher);
        Validate = new ValidateStage(definitions, Runs, new ForkGate(stores.Approvals), new RepositoryAdmission(stores.ActiveRuns, Runs), Publisher);
        Plan = new PlanStage(definitions, Runs, Shards, stores.Documents, clock, planOptions);
        var costGate = cost is null ? null : new RunCostGate(stores.Spend, cost, clock);
        Collect = new CollectStage(Runs, Shards, Results, failedRuns, clock);
        Runners = new RunnerSweep(Runs, Shards, teardown ?? NoRunnerTeardown.Instance, Collect);
        Dispatch = new DispatchStage(Runs, Shards, stores.Documents, launcher, costGate, Publisher, Collect);
        Evaluate = new EvaluateStage(Runs, Results, stores.Documents, stores.Baselines, failedRuns);
        Report = new ReportStage(Runs, Results, stores.Documents, stores.Baselines, Publisher);
        Poisoned = new PoisonedRuns(Runs, failedRuns);
        Schedule = new ScheduleStage(stores.Schedules);
        Schedules = new ScheduleRegistrar(definitions, stores.Schedules, clock);
        Live = new LiveProgressStage(Runs, new LiveRunReader(Results, stores.Documents, clock), Publisher, clock, liveInterval ?? LiveProgressStage.DefaultInterval);
        Routes =
        [
            new StageRoute<RunRequest>(Validate.HandleAsync),
            new StageRoute<PlanRun>(Plan.HandleAsync),
            new StageRoute<DispatchRun>(Dispatch.HandleAsync),
            new StageRoute<ShardDone>(Collect.HandleAsync),
            new StageRoute<EvaluateRun>(Evaluate.HandleAsync),
            new StageRoute<ReportRun>(Report.HandleAsync),
        ];
    }

    /// <summary>Every queue-driven stage in pipeline order: what the hosts pump (docs/pipeline.md, "Adding a stage").</summary>
    public IReadOnlyList<StageRoute> Routes { get; }

    /// <summary>The route of the stage on <paramref name="queue"/>, one of <see cref="StageQueueNames.Stages"/>.</summary>
    public StageRoute RouteOf(string queue) =>
        Routes.FirstOrDefault(r => r.Queue == queue) ?? throw new ArgumentException($"No stage listens on {queue}.", nameof(queue));

    public PipelineStores Stores { get; }

    /// <summary>Live figures to check runs while runs are under way (a timer in both hosts).</summary>
    public LiveProgressStage Live { get; }

    public IRunPublisher Publisher { get; }
    public IRunRepository Runs => Stores.Runs;
    public IShardRepository Shards => Stores.Shards;
    public IResultArtifacts Results => Stores.Results;
    public IStageBus Sender => Stores.Bus;
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
}
