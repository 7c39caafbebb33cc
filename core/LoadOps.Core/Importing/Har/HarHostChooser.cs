namespace LoadOps.Core.Importing.Har;

/// <summary>Picks the origin the definition targets: the one given (by host or host:port), else the one most requests went to.</summary>
internal static class HarHostChooser
{
    public static (string? Origin, string Reason) Choose(IReadOnlyList<HarEntry> entries, string? host)
    {
        var counts = entries.Where(e => e.Url.Scheme is "http" or "https")
            .GroupBy(e => e.Origin, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Origin: g.Key, Count: g.Count(), First: g.Min(e => e.Index)))
            .OrderByDescending(g => g.Count).ThenBy(g => g.First)
            .ToList();
        var seen = string.Join(", ", counts.Select(c => $"{c.Origin} ({c.Count})"));
        if (host is null)
        {
            return counts.Count == 0
                ? (null, "the HAR holds no http(s) requests")
                : (counts[0].Origin, $"the most frequent host, {counts[0].Count} of {entries.Count} requests; seen: {seen}");
        }
        var wanted = host.Contains("://", StringComparison.Ordinal) ? host.TrimEnd('/') : null;
        var match = counts.FirstOrDefault(c => wanted is not null
            ? string.Equals(c.Origin, wanted, StringComparison.OrdinalIgnoreCase)
            : string.Equals(Authority(c.Origin), host, StringComparison.OrdinalIgnoreCase) || string.Equals(new Uri(c.Origin).Host, host, StringComparison.OrdinalIgnoreCase));
        return match.Origin is null
            ? (null, $"no request went to '{host}'; hosts seen: {(seen.Length == 0 ? "none" : seen)}")
            : (match.Origin, $"given with --host, {match.Count} of {entries.Count} requests");
    }

    private static string Authority(string origin) => origin[(origin.IndexOf("://", StringComparison.Ordinal) + 3)..];
}
