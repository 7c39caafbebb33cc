using LoadOps.Cloud.Api;
using Microsoft.Extensions.Configuration;

namespace LoadOps.Cli.Serve;

/// <summary>
/// The secrets of serve's HTTP endpoint: the webhook secret (<c>LOADOPS_WEBHOOK_SECRET</c>, else
/// <c>LoadOps__GitHub__WebhookSecret</c>) and the API tokens (<c>LoadOps__Api__Tokens__0__Sha256</c>...), read from the
/// environment like the Functions app reads its app settings. Never printed.
/// </summary>
internal sealed record ServeSecurity(string? WebhookSecret, ApiOptions Api)
{
    public const string WebhookSecretVariable = "LOADOPS_WEBHOOK_SECRET";

    public static ServeSecurity FromEnvironment()
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var secret = Environment.GetEnvironmentVariable(WebhookSecretVariable) is { Length: > 0 } fromVariable
            ? fromVariable
            : configuration["LoadOps:GitHub:WebhookSecret"];
        var api = configuration.GetSection(ApiOptions.SectionName).Get<ApiOptions>() ?? new ApiOptions();
        return new ServeSecurity(secret, api);
    }
}
