namespace LoadOps.Core.Regression;

/// <summary>The regression verdict of one run against its baseline, with every comparison and notes on what was left out.</summary>
public sealed record RegressionReport(
    Verdict Verdict,
    int BaselineRuns,
    IReadOnlyList<MetricComparison> Comparisons,
    IReadOnlyList<string> Notes);
