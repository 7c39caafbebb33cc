using LoadOps.Cloud.GitHub;
using LoadOps.Functions.Webhook;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LoadOps.Functions.Hosting;

/// <summary>Registers the functions and their options. Storage-backed seams are registered by the host that owns the storage.</summary>
public static class FunctionsServices
{
    public static IServiceCollection AddLoadOpsFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<WebhookEndpoint>();
        services.TryAddSingleton<IRepositoryAccess>(provider => RepositoryAccessFactory.Create(configuration, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<PullRequestCommandResolver>();
        return services;
    }
}
