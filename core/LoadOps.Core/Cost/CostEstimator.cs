using LoadOps.Core.Planning;

namespace LoadOps.Core.Cost;

/// <summary>
/// Estimates a run's runner-minutes and money from its shards: each runner is billed from its start to the end of the
/// load plus <paramref name="startupAllowance"/> (image pull and start-up), at its location's price.
/// </summary>
public static class CostEstimator
{
    public static CostEstimate Estimate(IReadOnlyList<ShardSpec> shards, PriceTable prices, TimeSpan startupAllowance)
    {
        ArgumentNullException.ThrowIfNull(shards);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentOutOfRangeException.ThrowIfLessThan(startupAllowance, TimeSpan.Zero);
        var lines = shards
            .GroupBy(s => s.Location, StringComparer.Ordinal)
            .Select(g =>
            {
                var minutes = g.Sum(s => (s.Definition.Load.TotalDuration + startupAllowance).TotalMinutes);
                var price = prices.PriceOf(g.Key);
                var cost = price is { } p ? decimal.Round(p * (decimal)minutes, 4) : 0m;
                return new CostLine(g.Key, g.Count(), minutes, price, cost);
            })
            .OrderBy(l => l.Location, StringComparer.Ordinal)
            .ToList();
        return new CostEstimate(lines, prices.Currency);
    }
}
