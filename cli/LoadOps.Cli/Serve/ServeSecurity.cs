using LoadOps.Cloud.Api;
using LoadOps.Cloud.GitHub;
using Microsoft.Extensions.Configuration;

namespace LoadOps.Cli.Serve;

/// <summary>
/// The settings of serve's HTTP endpoint: the webhook secret (<c>LOADOPS_WEBHOOK_SECRET</c>, else
/// <c>LoadOps__GitHub__WebhookSecret</c>), the API tokens (<c>LoadOps__Api__Tokens__0__Sha256</c>...) and the GitHub
/// access that checks a <c>/loadtest</c> command's sender (<c>LoadOps__GitHub__Token</c>, or <c>__AppId</c>,
/// <c>__InstallationId</c>, <c>__PrivateKeyPem</c>), read from the environment like the Functions app reads its app
/// settings. Never printed.
/// </summary>
internal sealed record ServeSecurity(string? WebhookSecret, ApiOptions Api)
{
    /// <summary>GitHub as the webhook checks commands with it; null or without credentials: such deliveries answer 503 saying what to set.</summary>
    public GitHubOptions? GitHub { get; init; }

    public const string WebhookSecretVariable = "LOADOPS_WEBHOOK_SECRET";

    public static ServeSecurity FromEnvironment()
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var secret = Environment.GetEnvironmentVariable(WebhookSecretVariable) is { Length: > 0 } fromVariable
            ? fromVariable
            : configuration["LoadOps:GitHub:WebhookSecret"];
        var api = configuration.GetSection(ApiOptions.SectionName).Get<ApiOptions>() ?? new ApiOptions();
        return new ServeSecurity(secret, api) { GitHub = configuration.GetSection(GitHubOptions.SectionName).Get<GitHubOptions>() };
    }
}
