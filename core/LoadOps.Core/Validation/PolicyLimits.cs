using System.Globalization;
using LoadOps.Core.Definitions;
using LoadOps.Core.Policy;

namespace LoadOps.Core.Validation;

/// <summary>Checks the total load a definition asks for against the repository's <see cref="LoadPolicy"/>.</summary>
internal sealed class PolicyLimits(ErrorCollector errors, LoadPolicy policy)
{
    private const string Fix = "lower it, or raise the limit in .loadops/policy.yaml";

    public void Check(MappingFields root, LoadSpec load, IReadOnlyList<RunnerSpec> runners)
    {
        var peak = load.Stages.MaxBy(s => s.Target)!;
        if (load.Model == LoadModel.Open && peak.Target > policy.MaxTotalRate)
            errors.Error(peak.At, ValidationCodes.RateAbovePolicy,
                $"peak rate {Number(peak.Target)} requests/s is above the policy's maxTotalRate {Number(policy.MaxTotalRate)}; {Fix}");
        if (load.Model == LoadModel.Closed && peak.Target > policy.MaxTotalUsers)
            errors.Error(peak.At, ValidationCodes.UsersAbovePolicy,
                $"peak users {Number(peak.Target)} is above the policy's maxTotalUsers {policy.MaxTotalUsers}; {Fix}");
        var total = runners.Sum(r => (long)r.Count);
        if (total > policy.MaxRunners)
            errors.Error(root.KeyAt("runners"), ValidationCodes.RunnersAbovePolicy,
                $"{total} runners in total is above the policy's maxRunners {policy.MaxRunners}; {Fix}");
        if (load.TotalDuration > policy.MaxDuration)
            errors.Error(FirstStageAt(load), ValidationCodes.DurationAbovePolicy,
                $"the stages last {DurationText.Format(load.TotalDuration)} in total, above the policy's maxDuration {DurationText.Format(policy.MaxDuration)}; {Fix}");
    }

    private static SourcePosition FirstStageAt(LoadSpec load) => load.Stages[0].At;

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
