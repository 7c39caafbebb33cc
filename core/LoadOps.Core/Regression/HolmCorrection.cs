namespace LoadOps.Core.Regression;

/// <summary>
/// Holm's step-down adjustment: with k tests, the smallest p-value is multiplied by k, the next by k-1, and so
/// on, kept monotone. Rejecting where the adjusted p-value is below α keeps the chance of any false alarm among
/// all metrics × steps at most α.
/// </summary>
public static class HolmCorrection
{
    public static IReadOnlyList<double> Adjust(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var order = Enumerable.Range(0, pValues.Count).OrderBy(i => pValues[i]).ToArray();
        var adjusted = new double[pValues.Count];
        var running = 0.0;
        for (var rank = 0; rank < order.Length; rank++)
        {
            running = Math.Max(running, Math.Min(1, (order.Length - rank) * pValues[order[rank]]));
            adjusted[order[rank]] = running;
        }
        return adjusted;
    }
}
