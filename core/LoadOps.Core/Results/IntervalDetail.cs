namespace LoadOps.Core.Results;

/// <summary>
/// The optional outcome counts of one input interval (status codes, error kinds, sample messages), carried by
/// reference beside its <see cref="IntervalCounts"/>; null when the interval has none (files written before they were recorded).
/// </summary>
internal sealed record IntervalDetail(
    IReadOnlyDictionary<string, long>? StatusCodes,
    IReadOnlyDictionary<string, long>? Errors,
    IReadOnlyDictionary<string, string>? ErrorSamples)
{
    public static IntervalDetail? Of(IntervalStats stats) =>
        stats.StatusCodes is null && stats.Errors is null && stats.ErrorSamples is null
            ? null
            : new(stats.StatusCodes, stats.Errors, stats.ErrorSamples);
}
