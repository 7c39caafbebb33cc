using LoadOps.Core.Planning;
using Microsoft.Extensions.Options;

namespace LoadOps.Cloud.Hosting;

/// <summary>Checks <c>LoadOps:Plan</c> at start: every timing in its range, each problem naming its setting.</summary>
internal sealed class PlanOptionsValidation : IValidateOptions<PlanOptions>
{
    private static readonly TimeSpan MaxStartDelay = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, PlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.StartDelay < TimeSpan.Zero || options.StartDelay > MaxStartDelay)
            problems.Add($"{PipelineServices.PlanSection}:StartDelay must be from 00:00:00 to 01:00:00, not {options.StartDelay}.");
        if (options.ReportGrace <= TimeSpan.Zero)
            problems.Add($"{PipelineServices.PlanSection}:ReportGrace must be longer than zero, not {options.ReportGrace}.");
        if (options.Interval < TimeSpan.FromSeconds(1))
            problems.Add($"{PipelineServices.PlanSection}:Interval must be at least 00:00:01, not {options.Interval}.");
        if (options.SnapshotUploadInterval < TimeSpan.FromSeconds(1))
            problems.Add($"{PipelineServices.PlanSection}:SnapshotUploadInterval must be at least 00:00:01, not {options.SnapshotUploadInterval}.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
