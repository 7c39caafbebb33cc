namespace LoadOps.Core.Results;

/// <summary>
/// What a run's live figures are read from: the end of the newest input merged, the overall summary (with runner
/// health) and each runner location's, as <see cref="ResultSummarizer"/> reads them from a merged result.
/// </summary>
public sealed record LiveSummary(DateTimeOffset End, MetricSummary Overall, IReadOnlyList<(string Location, MetricSummary Metrics)> Locations)
{
    /// <summary>The live summary of a merged result file (decoding its histograms).</summary>
    public static LiveSummary Of(ResultFile merged)
    {
        ArgumentNullException.ThrowIfNull(merged);
        return new(merged.End, ResultSummarizer.SummarizeOverall(merged), ResultSummarizer.SummarizeLocations(merged));
    }
}
