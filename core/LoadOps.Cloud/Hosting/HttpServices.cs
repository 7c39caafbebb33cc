using LoadOps.Cloud.Api;
using LoadOps.Cloud.GitHub;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoadOps.Cloud.Hosting;

/// <summary>
/// Registers the webhook and the run API behind <see cref="LoadOpsHttpHandlers"/>, with their options bound from
/// <c>LoadOps:GitHub</c> and <c>LoadOps:Api</c> and checked at start. The host registers the storage seams
/// (<see cref="IDeliveryLog"/>, <see cref="IRunRequestSink"/>, <see cref="IRunCatalog"/>, and <see cref="IBaselineAcceptor"/> for
/// <c>/loadtest accept</c>); an
/// <see cref="IRepositoryAccess"/> registered before this call wins over the configured GitHub.
/// </summary>
public static class HttpServices
{
    public static IServiceCollection AddLoadOpsHttp(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GitHubOptions>().BindConfiguration(GitHubOptions.SectionName).ValidateDataAnnotations();
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiOptions>, ApiOptionsValidation>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => RepositoryAccessFactory.Create(
            provider.GetRequiredService<IOptions<GitHubOptions>>().Value, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<PullRequestCommandResolver>();
        services.AddSingleton(provider => new ApiTokenCheck(provider.GetRequiredService<IOptions<ApiOptions>>().Value));
        services.AddSingleton<RunApi>();
        services.AddLoadOpsApiAuthorization();
        services.AddSingleton(provider => new WebhookReceiver(
            provider.GetRequiredService<IOptions<WebhookOptions>>().Value.WebhookSecret,
            provider.GetRequiredService<IDeliveryLog>(),
            provider.GetRequiredService<IRunRequestSink>(),
            provider.GetRequiredService<PullRequestCommandResolver>(),
            provider.GetService<IBaselineAcceptor>()));
        services.AddSingleton(provider => new LoadOpsHttpHandlers(
            provider.GetRequiredService<WebhookReceiver>(),
            provider.GetRequiredService<RunApi>(),
            provider.GetRequiredService<IOptions<ApiOptions>>().Value.PublicUrl,
            provider.GetRequiredService<ILogger<LoadOpsHttpHandlers>>()));
        return services;
    }
}
