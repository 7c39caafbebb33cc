namespace LoadOps.Pipeline.Cost;

/// <summary>What each repository spent per calendar month (UTC), one charge per run.</summary>
public interface ISpendRepository
{
    /// <summary>The sum of every run's charge in the month, leaving out <paramref name="exceptRunId"/>.</summary>
    Task<decimal> MonthToDateAsync(string repository, string month, string? exceptRunId, CancellationToken cancellationToken);

    /// <summary>Charges a run once, whatever the budget; a second charge of the same run is ignored.</summary>
    Task ChargeAsync(string repository, string month, string runId, decimal amount, CancellationToken cancellationToken);

    /// <summary>
    /// Charges the run if month-to-date spend plus <paramref name="amount"/> stays within <paramref name="budget"/> (null:
    /// no budget); two admissions at the same instant cannot both spend the last of a budget. Returns whether it is
    /// charged (a run charged before stays charged) and the spend before it.
    /// </summary>
    Task<(bool Charged, decimal SpentBefore)> ClaimAsync(string repository, string month, string runId, decimal amount, decimal? budget, CancellationToken cancellationToken);
}
