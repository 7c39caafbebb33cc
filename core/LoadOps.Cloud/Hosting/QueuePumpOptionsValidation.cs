using LoadOps.Cloud.Pipeline;
using Microsoft.Extensions.Options;

namespace LoadOps.Cloud.Hosting;

/// <summary>Checks <c>LoadOps:Stages</c> at start: each setting in its range and the retry delays in order, each problem naming its setting.</summary>
internal sealed class QueuePumpOptionsValidation : IValidateOptions<QueuePumpOptions>
{
    public ValidateOptionsResult Validate(string? name, QueuePumpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string section = QueuePumpOptions.SectionName;
        var problems = new List<string>();
        if (options.BatchSize is < 1 or > 32)
            problems.Add($"{section}:BatchSize must be from 1 to 32 (what one queue read may return), not {options.BatchSize}.");
        if (options.MaxDequeueCount is < 1 or > 100)
            problems.Add($"{section}:MaxDequeueCount must be from 1 to 100, not {options.MaxDequeueCount}.");
        if (options.VisibilityTimeout < TimeSpan.FromSeconds(1) || options.VisibilityTimeout > TimeSpan.FromDays(7))
            problems.Add($"{section}:VisibilityTimeout must be from 00:00:01 to 7.00:00:00 (the queue service's range), not {options.VisibilityTimeout}.");
        if (options.RetryDelay < TimeSpan.Zero)
            problems.Add($"{section}:RetryDelay must not be negative, not {options.RetryDelay}.");
        if (options.MaxRetryDelay < options.RetryDelay || options.MaxRetryDelay > TimeSpan.FromDays(7))
            problems.Add($"{section}:MaxRetryDelay ({options.MaxRetryDelay}) must be at least RetryDelay ({options.RetryDelay}) and at most 7.00:00:00.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
