namespace LoadOps.Core.Cost;

/// <summary>
/// Price of one runner-minute per location, as configured (<c>LoadOps:Cost:Prices</c>). A location is priced by its
/// exact name (<c>azure/westeurope</c>) first, then by its scheme (<c>azure</c>); <c>local</c> and <c>pool/…</c>
/// runners cost nothing unless priced.
/// </summary>
public sealed record PriceTable(IReadOnlyDictionary<string, decimal> PerRunnerMinute, string Currency = "USD")
{
    public static PriceTable Empty { get; } = new(new Dictionary<string, decimal>());

    /// <summary>The price of a runner-minute at <paramref name="location"/>, or null when none is configured.</summary>
    public decimal? PriceOf(string location)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        // "azure-westeurope" too: some configuration stores (app settings) do not take '/' in a key.
        if ((Find(location) ?? Find(location.Replace('/', '-'))) is { } exact)
            return exact;
        var slash = location.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? Find(location[..slash]) : null;
    }

    /// <summary>Cloud runners bill by the minute; an unpriced cloud location makes an estimate incomplete.</summary>
    public static bool IsBilled(string location) =>
        location.StartsWith("azure/", StringComparison.Ordinal) || location.StartsWith("aws/", StringComparison.Ordinal);

    private decimal? Find(string key) =>
        PerRunnerMinute.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)) is { Key: not null } hit ? hit.Value : null;
}
