using LoadOps.Pipeline.Cost;

namespace LoadOps.Pipeline.Memory;

/// <summary>
/// Each run's charge and each month's total in dictionaries, keyed like the spend table (repository ignoring case, then
/// month), decided under one lock: a claim reads the total, checks the run and the budget and writes both at once, as
/// the table's ETag-guarded transaction does. Amounts are kept as the table keeps them, as doubles, so month-to-date
/// sums and budget checks agree with Azure to the last digit.
/// </summary>
public sealed class InMemorySpend : ISpendRepository
{
    private readonly Dictionary<(string Month, string RunId), decimal> _charges = [];
    private readonly Dictionary<string, decimal> _totals = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Task<decimal> MonthToDateAsync(string repository, string month, string? exceptRunId, CancellationToken cancellationToken)
    {
        var key = MonthKey(repository, month);
        lock (_lock)
            return Task.FromResult(_charges.Where(c => c.Key.Month == key && c.Key.RunId != exceptRunId).Sum(c => c.Value));
    }

    public Task ChargeAsync(string repository, string month, string runId, decimal amount, CancellationToken cancellationToken) =>
        ClaimAsync(repository, month, runId, amount, null, cancellationToken);

    public Task<(bool Charged, decimal SpentBefore)> ClaimAsync(
        string repository, string month, string runId, decimal amount, decimal? budget, CancellationToken cancellationToken)
    {
        var key = MonthKey(repository, month);
        ArgumentNullException.ThrowIfNull(runId);
        lock (_lock)
        {
            // The spend before comes from the month's total, not the runs' sum (they can differ in the last digit).
            var spent = _totals.GetValueOrDefault(key);
            if (_charges.TryGetValue((key, runId), out var charged))
                return Task.FromResult((true, spent - charged));
            // Spending exactly the budget is allowed.
            if (budget is { } limit && spent + amount > limit)
                return Task.FromResult((false, spent));
            _charges[(key, runId)] = AsStored(amount);
            _totals[key] = AsStored(spent + amount);
            return Task.FromResult((true, spent));
        }
    }

    // The table's column is a double: the same round trip rounds to 15 significant digits.
    private static decimal AsStored(decimal amount) => (decimal)(double)amount;

    // As the table's partition: a null month is an empty one, and month is not checked.
    private static string MonthKey(string repository, string month)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return repository.ToLowerInvariant() + "|" + month;
    }
}
