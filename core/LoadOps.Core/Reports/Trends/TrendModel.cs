using LoadOps.Core.Definitions;

namespace LoadOps.Core.Reports.Trends;

/// <summary>
/// The history of one test: its runs oldest first, the change points found in them, and the runs compared side by
/// side (the first one is the reference the others' deltas are measured from).
/// </summary>
public sealed record TrendModel(string TestName, IReadOnlyList<TrendEntry> Entries)
{
    /// <summary>The metrics the page tracks, in the order it shows them.</summary>
    public static readonly IReadOnlyList<Metric> Metrics = [Metric.P50, Metric.P95, Metric.P99, Metric.Rps, Metric.Errors];

    public IReadOnlyList<TrendChangePoint> ChangePoints { get; init; } = [];

    public IReadOnlyList<TrendEntry> Compared { get; init; } = [];

    /// <summary>Changes within this fraction are neither better nor worse (and not reported as change points).</summary>
    public double Tolerance { get; init; } = 0.05;

    /// <summary>Why something is not shown (too few runs to look for shifts, runs left out).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>A link to the page with other runs compared, e.g. <c>?compare=</c> on the API (null: a static file).</summary>
    public string? CompareUrl { get; init; }
}
