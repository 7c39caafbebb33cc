namespace LoadOps.Core.Policy;

/// <summary>
/// The repository's limits on what a definition may ask for (<c>.loadops/policy.yaml</c>). The defaults are safe:
/// only loopback targets and modest load.
/// </summary>
public sealed record LoadPolicy
{
    public static readonly IReadOnlyList<string> LoopbackHosts = ["localhost", "127.0.0.1", "::1"];

    public static LoadPolicy Default { get; } = new();

    /// <summary>Where a repository keeps its policy, relative to its root.</summary>
    public const string RepositoryPath = ".loadops/policy.yaml";

    /// <summary>Highest total arrival rate (iterations started per second across all runners) of an open-model test; an iteration makes one request per step.</summary>
    public double MaxTotalRate { get; init; } = 5_000;

    /// <summary>Highest total concurrent users (across all runners) of a closed-model test.</summary>
    public int MaxTotalUsers { get; init; } = 2_000;

    public int MaxRunners { get; init; } = 20;

    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Highest arrival rate (iterations/s) of all the repository's open-model runs going on at once.</summary>
    public double MaxConcurrentRate { get; init; } = 10_000;

    /// <summary>Highest number of users of all the repository's closed-model runs going on at once.</summary>
    public int MaxConcurrentUsers { get; init; } = 4_000;

    /// <summary>Highest number of runners of all the repository's runs going on at once.</summary>
    public int MaxConcurrentRunners { get; init; } = 40;

    /// <summary>Whether a definition may set <c>target.tls.insecureSkipVerify: true</c> (accept any certificate). Off by default.</summary>
    public bool AllowInsecureTls { get; init; }

    /// <summary>Exact host names or <c>*.suffix</c> wildcards (any subdomain of suffix, not suffix itself).</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = LoopbackHosts;

    public bool AllowsHost(string host)
    {
        var normalised = Normalise(host);
        foreach (var pattern in AllowedHosts)
        {
            var allowed = Normalise(pattern);
            if (allowed.StartsWith("*.", StringComparison.Ordinal)
                    ? normalised.EndsWith(allowed[1..], StringComparison.Ordinal) && normalised.Length > allowed.Length - 1
                    : normalised == allowed)
                return true;
        }
        return false;
    }

    private static string Normalise(string host) => host.Trim().Trim('[', ']').TrimEnd('.').ToLowerInvariant();
}
