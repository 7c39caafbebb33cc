using LoadOps.Cloud.Api;
using LoadOps.Cloud.GitHub;
using LoadOps.Functions.Api;
using LoadOps.Functions.Webhook;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LoadOps.Functions.Hosting;

/// <summary>Registers the HTTP functions' endpoints and their options. Storage-backed seams are registered by <c>AddLoadOpsStorage</c>.</summary>
public static class FunctionsServices
{
    public static IServiceCollection AddLoadOpsFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WebhookEndpoint>();
        services.TryAddSingleton<IRepositoryAccess>(provider => RepositoryAccessFactory.Create(configuration, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<PullRequestCommandResolver>();
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName)
            .Validate(o => ApiTokenCheck.Problems(o).Count == 0, "LoadOps:Api:Tokens: every Sha256 must be 64 hex digits (the SHA-256 of the token, not the token).")
            .ValidateOnStart();
        services.AddSingleton(provider => new ApiTokenCheck(provider.GetRequiredService<IOptions<ApiOptions>>().Value));
        services.AddSingleton<RunApi>();
        services.AddSingleton<RunApiEndpoint>();
        return services;
    }
}
