namespace LoadOps.Core.Regression;

/// <summary>
/// How a comparison repeated up to N times keeps its false-alarm rate: each look may spend part of α, and the parts add
/// up to α (Bonferroni over the looks, valid however the looks depend on each other). Early looks get 5% of α between
/// them, so only a clear regression stops a run early; the last look gets the other 95%. With no repeats the one look
/// spends all of α.
/// </summary>
public static class RepeatPlan
{
    public const int MaxRepeats = 20;

    /// <summary>The α of look <paramref name="look"/> (1-based) of at most <paramref name="looks"/>.</summary>
    public static double LookAlpha(double alpha, int look, int looks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(look, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(looks, look);
        if (looks == 1)
            return alpha;
        return look < looks ? 0.05 * alpha / (looks - 1) : 0.95 * alpha;
    }

    /// <summary>Whether to run the candidate once more: the comparison is not settled yet and repeats are left.</summary>
    public static bool ShouldRepeat(RegressionReport report, int look, int looks)
    {
        ArgumentNullException.ThrowIfNull(report);
        return look < looks && !report.Settled;
    }
}
