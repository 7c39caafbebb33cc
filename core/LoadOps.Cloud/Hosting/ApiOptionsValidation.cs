using LoadOps.Cloud.Api;
using Microsoft.Extensions.Options;

namespace LoadOps.Cloud.Hosting;

/// <summary>Checks <c>LoadOps:Api</c> at start: each malformed token hash named by its index (<see cref="ApiTokenCheck.Problems"/>).</summary>
internal sealed class ApiOptionsValidation : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = ApiTokenCheck.Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
