using LoadOps.Functions.Webhook;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LoadOps.Functions.Hosting;

/// <summary>Registers the functions and their options. Storage-backed seams are registered by the host that owns the storage.</summary>
public static class FunctionsServices
{
    public static IServiceCollection AddLoadOpsFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<WebhookEndpoint>();
        return services;
    }
}
