namespace LoadOps.Core.Regression;

/// <summary>
/// The regression verdict of one run against its baseline, with every comparison and notes on what was left out.
/// <see cref="Settled"/>: another repeat of the candidate would not change the verdict (a regression was found, or every
/// comparison either decided or ruled out a change beyond its tolerance); false when repeating could still tell.
/// </summary>
public sealed record RegressionReport(
    Verdict Verdict,
    int BaselineRuns,
    IReadOnlyList<MetricComparison> Comparisons,
    IReadOnlyList<string> Notes)
{
    public bool Settled { get; init; } = true;
}
