using System.ComponentModel.DataAnnotations;
using LoadOps.Core.Cost;

namespace LoadOps.Pipeline.Cost;

/// <summary><c>LoadOps:Cost</c>: prices per runner-minute and the monthly budget every repository may spend.</summary>
public sealed class CostOptions
{
    public const string SectionName = "LoadOps:Cost";

    /// <summary>Price of one runner-minute by location (<c>azure/westeurope</c>) or scheme (<c>aws</c>).</summary>
    public Dictionary<string, decimal> Prices { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    [Required] public string Currency { get; init; } = "USD";

    /// <summary>What one repository may spend per calendar month (UTC); empty: no budget.</summary>
    [Range(0, 1_000_000_000)] public decimal? MonthlyBudget { get; init; }

    /// <summary>Budgets of particular repositories (<c>owner/name</c>), overriding <see cref="MonthlyBudget"/>.</summary>
    public Dictionary<string, decimal> RepositoryBudgets { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Minutes billed per runner on top of the load's duration (image pull, start-up, upload).</summary>
    [Range(0, 60)] public double StartupMinutes { get; init; } = 1;

    public PriceTable PriceTable() => new(Prices, Currency);

    public decimal? BudgetOf(string repository) =>
        RepositoryBudgets.FirstOrDefault(b => string.Equals(b.Key, repository, StringComparison.OrdinalIgnoreCase)) is { Key: not null } hit
            ? hit.Value
            : MonthlyBudget;
}
