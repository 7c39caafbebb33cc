namespace LoadOps.Core.Definitions;

/// <summary>One load test, as a <c>*.loadtest.yaml</c> file describes it (CONTRACTS.md, version 1).</summary>
public sealed record LoadTestDefinition
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required TargetSpec Target { get; init; }
    public required LoadSpec Load { get; init; }
    public required IReadOnlyList<ScenarioSpec> Scenarios { get; init; }
    public IReadOnlyList<RunnerSpec> Runners { get; init; } = [new RunnerSpec("local", 1)];
    public IReadOnlyList<ThresholdSpec> Thresholds { get; init; } = [];
    public BaselineSpec? Baseline { get; init; }
    public IReadOnlyList<ScheduleSpec> Schedule { get; init; } = [];
    public NotifySpec? Notify { get; init; }

    /// <summary>Data files read in templates as <c>{{ NAME.COLUMN }}</c>; their rows travel in each <see cref="Planning.ShardSpec"/>.</summary>
    public IReadOnlyList<DataSetSpec> Data { get; init; } = [];

    /// <summary>
    /// Steps each runner runs once before the load (log in, create test data); what they extract is shared by every
    /// virtual user. Not measured; a failure ends the runner's shard with the reason.
    /// </summary>
    public IReadOnlyList<StepSpec> Setup { get; init; } = [];

    /// <summary>Steps each runner runs once after the load (after a successful setup); they read what setup extracted. Not measured.</summary>
    public IReadOnlyList<StepSpec> Teardown { get; init; } = [];

    /// <summary>
    /// Another tool that runs the load instead of the scenarios (<c>engine: jmeter</c>); null when LoadOps' own engine
    /// runs <see cref="Scenarios"/> (which are then empty for another engine).
    /// </summary>
    public EngineSpec? Engine { get; init; }

    /// <summary>Total runner processes across all locations.</summary>
    public int TotalRunnerCount => Runners.Sum(r => r.Count);
}
