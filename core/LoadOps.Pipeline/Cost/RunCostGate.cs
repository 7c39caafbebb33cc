using LoadOps.Core.Cost;
using LoadOps.Core.Planning;

namespace LoadOps.Pipeline.Cost;

/// <summary>
/// Before dispatch: estimates the run's runner-minutes and cost from the price table and checks the repository's
/// monthly budget against month-to-date spend (the <c>spend</c> table). An allowed run is charged its estimate, once;
/// the check and the charge are one optimistic claim (<see cref="ISpendRepository.ClaimAsync"/>), so two runs admitted at the
/// same instant cannot both pass a nearly spent budget.
/// </summary>
public sealed class RunCostGate(ISpendRepository spend, CostOptions options, TimeProvider clock)
{
    /// <summary>The calendar month (UTC) a charge falls in: budgets are per month.</summary>
    public static string Month(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<CostDecision> CheckAsync(RunRecord run, IReadOnlyList<ShardSpec> shards, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var estimate = CostEstimator.Estimate(shards, options.PriceTable(), TimeSpan.FromMinutes(options.StartupMinutes));
        var budget = options.BudgetOf(run.Repo);
        var month = Month(clock.GetUtcNow());
        if (budget is null)
        {
            await spend.ChargeAsync(run.Repo, month, run.RunId, estimate.Total, cancellationToken);
            return new CostDecision(true, estimate, estimate.Describe());
        }

        var currency = estimate.Currency;
        if (estimate.Unpriced.Count > 0)
            return new CostDecision(false, estimate,
                $"The monthly budget of {CostEstimate.Money(budget.Value)} {currency} for {run.Repo} cannot be checked: no price per runner-minute for " +
                $"{string.Join(", ", estimate.Unpriced)}. Add it under LoadOps:Cost:Prices.");

        var (charged, spent) = await spend.ClaimAsync(run.Repo, month, run.RunId, estimate.Total, budget.Value, cancellationToken);
        if (!charged)
            return new CostDecision(false, estimate,
                $"Refused: the monthly budget of {CostEstimate.Money(budget.Value)} {currency} for {run.Repo} would be exceeded in {month}: " +
                $"month-to-date spend {CostEstimate.Money(spent)} {currency} + this run's estimate {CostEstimate.Money(estimate.Total)} {currency} " +
                $"= {CostEstimate.Money(spent + estimate.Total)} {currency} ({estimate.Describe()}). Raise LoadOps:Cost:MonthlyBudget, use fewer or " +
                "cheaper runners, or wait for next month.");

        return new CostDecision(true, estimate,
            $"{estimate.Describe()}; month-to-date {CostEstimate.Money(spent + estimate.Total)} of {CostEstimate.Money(budget.Value)} {currency}");
    }
}
