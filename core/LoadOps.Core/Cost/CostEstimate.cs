using System.Globalization;

namespace LoadOps.Core.Cost;

/// <summary>What a run is expected to cost before it starts, per location and in total.</summary>
public sealed record CostEstimate(IReadOnlyList<CostLine> Lines, string Currency)
{
    public double RunnerMinutes => Lines.Sum(l => l.RunnerMinutes);
    public decimal Total => Lines.Sum(l => l.Cost);

    /// <summary>Billed locations without a price: the total leaves them out.</summary>
    public IReadOnlyList<string> Unpriced => Lines.Where(l => l.PricePerRunnerMinute is null && PriceTable.IsBilled(l.Location)).Select(l => l.Location).ToList();

    /// <summary>One line for a person: "est. 12.0 runner-minutes, 0.48 USD (azure/westeurope 0.40, aws/us-east-1 0.08)".</summary>
    public string Describe()
    {
        var parts = string.Join(", ", Lines.Select(l => l.PricePerRunnerMinute is null
            ? $"{l.Location} {Minutes(l.RunnerMinutes)} min, no price"
            : $"{l.Location} {Money(l.Cost)}"));
        var text = $"est. {Minutes(RunnerMinutes)} runner-minutes, {Money(Total)} {Currency} ({parts})";
        return Unpriced.Count == 0 ? text : text + $"; not priced: {string.Join(", ", Unpriced)} (set LoadOps:Cost:Prices)";
    }

    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Minutes(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
