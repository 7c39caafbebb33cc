using System.Globalization;

namespace LoadOps.Core.Policy;

/// <summary>
/// The repository-wide caps of a <see cref="LoadPolicy"/>: the runs of one repository going on at once may not add up
/// to more than <c>maxConcurrentRate</c> requests/s, <c>maxConcurrentUsers</c> users or <c>maxConcurrentRunners</c>
/// runners. (Duration is capped per run by <c>maxDuration</c>.)
/// </summary>
public static class RepositoryCaps
{
    /// <summary>Null when <paramref name="adding"/> fits beside <paramref name="inUse"/>; otherwise why not, naming the cap and the usage.</summary>
    public static string? Refusal(LoadPolicy policy, string repository, RunDemand inUse, int activeRuns, RunDemand adding)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(inUse);
        ArgumentNullException.ThrowIfNull(adding);
        var usage = $"{activeRuns} run{(activeRuns == 1 ? "" : "s")} of {repository} going on use {N(inUse.Rate)} requests/s, {inUse.Users} users and {inUse.Runners} runners";
        const string Fix = "wait for them to finish and run it again (`/loadtest run NAME`), or raise the cap in .loadops/policy.yaml";
        if (adding.Rate > 0 && inUse.Rate + adding.Rate > policy.MaxConcurrentRate)
            return $"Refused: this run's {N(adding.Rate)} requests/s would exceed the repository's cap maxConcurrentRate {N(policy.MaxConcurrentRate)}; {usage}; {Fix}.";
        if (adding.Users > 0 && inUse.Users + adding.Users > policy.MaxConcurrentUsers)
            return $"Refused: this run's {adding.Users} users would exceed the repository's cap maxConcurrentUsers {policy.MaxConcurrentUsers}; {usage}; {Fix}.";
        if (adding.Runners > 0 && inUse.Runners + adding.Runners > policy.MaxConcurrentRunners)
            return $"Refused: this run's {adding.Runners} runners would exceed the repository's cap maxConcurrentRunners {policy.MaxConcurrentRunners}; {usage}; {Fix}.";
        return null;
    }

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
