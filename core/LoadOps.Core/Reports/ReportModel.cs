namespace LoadOps.Core.Reports;

/// <summary>
/// Everything a report shows, already computed: renderers format and lay out these values, they never
/// derive statistics. Latencies are microseconds. Lists keep the order the renderers should show.
/// </summary>
public sealed record ReportModel
{
    public required string RunId { get; init; }
    public required string TestName { get; init; }
    public string? Commit { get; init; }
    public string? Branch { get; init; }
    public int? PullRequest { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }

    public required ReportVerdict Verdict { get; init; }

    /// <summary>One line, e.g. "p95 of /checkout went from 212 ms to 268 ms (+26%, significant): failing".</summary>
    public required string Headline { get; init; }

    /// <summary>Reasons not to believe the numbers. Any entry means the run is never shown as a clean pass.</summary>
    public IReadOnlyList<TrustWarning> TrustWarnings { get; init; } = [];

    /// <summary>Baseline comparison per step and metric.</summary>
    public IReadOnlyList<MetricRow> Metrics { get; init; } = [];

    public IReadOnlyList<ThresholdOutcome> Thresholds { get; init; } = [];

    /// <summary>The run over time, merged across steps and locations, in time order.</summary>
    public IReadOnlyList<IntervalPoint> Intervals { get; init; } = [];

    /// <summary>p95 of earlier runs, oldest first; the current run may be the last entry.</summary>
    public IReadOnlyList<HistoryPoint> History { get; init; } = [];

    public IReadOnlyList<LocationRow> Locations { get; init; } = [];

    public ReportLinks Links { get; init; } = new();

    /// <summary>The run's cost estimate made before dispatch, in words ("est. 12.0 runner-minutes, 0.48 USD (…)").</summary>
    public string? CostEstimate { get; init; }

    /// <summary>Requests finished, failed and dropped: shown wherever requests are.</summary>
    public RequestCounts? Requests { get; init; }

    /// <summary>Steps with failed requests, by kind with the finer table in <see cref="StepFailures.Kinds"/>.</summary>
    public IReadOnlyList<StepFailures> Failures { get; init; } = [];

    /// <summary>Every run of a repeated candidate, with the pooled verdict after each; empty without repeats.</summary>
    public IReadOnlyList<RepeatRow> Repeats { get; init; } = [];

    /// <summary>Where the baseline's level starts, naming the run and commit (accepted, or confirmed by the series test).</summary>
    public string? BaselineLevel { get; init; }

    /// <summary>How the run was made where that changes how it reads (<see cref="RunSettingNotes"/>): shown with the run's facts.</summary>
    public IReadOnlyList<string> SettingNotes { get; init; } = [];

    /// <summary>Set when some metrics could not be decided with the baseline at hand.</summary>
    public InconclusiveNote? Inconclusive { get; init; }

    public TimeSpan Duration => End - Start;

    /// <summary>True when the numbers may be believed; false when any trust warning is present.</summary>
    public bool IsTrustworthy => TrustWarnings.Count == 0;
}
