using System.Globalization;
using LoadOps.Core.Definitions;
using LoadOps.Core.Validation;

namespace LoadOps.Core.Planning;

/// <summary>
/// Says before anything is launched when a location cannot hold the runners a definition asks for there, so a run
/// does not start 1,000 launches of which 600 will be refused. Pure: the quotas are the host's configuration.
/// </summary>
public static class QuotaCheck
{
    /// <summary>One error per runner entry above its location's quota, located at the entry; empty when every location holds its runners.</summary>
    public static IReadOnlyList<DefinitionError> Check(LoadTestDefinition definition, string file, IReadOnlyList<LocationQuota> quotas)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(quotas);
        var errors = new List<DefinitionError>();
        foreach (var runner in definition.Runners)
        {
            if (QuotaOf(runner.Location, quotas) is not { } quota || runner.Count <= quota.MaxShards)
                continue;
            var source = quota.Source is { Length: > 0 } named ? named : $"{LocationQuota.SectionName} entry '{quota.Location}'";
            errors.Add(new DefinitionError(file, runner.At.Line, runner.At.Column, ValidationCodes.RunnersAboveQuota,
                $"{Number(runner.Count)} runners at {runner.Location}, but the location holds at most {Number(quota.MaxShards)} at once ({source}); " +
                $"lower count to {Number(quota.MaxShards)} and put the rest in another location, or raise the quota and {LocationQuota.SectionName}",
                Severity.Error));
        }
        return errors;
    }

    private static LocationQuota? QuotaOf(string location, IReadOnlyList<LocationQuota> quotas)
    {
        var exact = quotas.FirstOrDefault(q => string.Equals(q.Location, location, StringComparison.Ordinal));
        if (exact is not null)
            return exact;
        var slash = location.IndexOf('/', StringComparison.Ordinal);
        var kind = slash < 0 ? location : location[..slash];
        return quotas.FirstOrDefault(q => string.Equals(q.Location, kind + "/*", StringComparison.Ordinal));
    }

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
