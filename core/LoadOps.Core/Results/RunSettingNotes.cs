namespace LoadOps.Core.Results;

/// <summary>
/// The sentences every summary and report prints about a run's <see cref="RunSettings"/> that change how its numbers
/// read: certificates not checked, load given on the command line. One wording for the terminal and every report.
/// </summary>
public static class RunSettingNotes
{
    public const string InsecureTls = "TLS certificates were not checked (target.tls.insecureSkipVerify)";

    /// <summary>"rate 50, duration 30s set on the command line (not compared with baselines of other settings)".</summary>
    public static string Overrides(IReadOnlyDictionary<string, string> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return string.Join(", ", overrides.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}")) +
            " set on the command line (not compared with baselines of other settings)";
    }

    /// <summary>Every note that applies, insecure TLS first; empty for a plain run or none recorded.</summary>
    public static IReadOnlyList<string> Of(RunSettings? settings)
    {
        var notes = new List<string>();
        if (settings is { InsecureTls: true })
            notes.Add(InsecureTls);
        if (settings?.Overrides is { Count: > 0 } overrides)
            notes.Add(Overrides(overrides));
        return notes;
    }
}
