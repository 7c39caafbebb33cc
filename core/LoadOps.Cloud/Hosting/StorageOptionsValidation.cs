using LoadOps.Cloud.Storage;
using Microsoft.Extensions.Options;

namespace LoadOps.Cloud.Hosting;

/// <summary>Checks <c>LoadOps:Storage</c> at start: every problem at once, each naming its setting (<see cref="StorageOptions.Problems"/>).</summary>
internal sealed class StorageOptionsValidation : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
