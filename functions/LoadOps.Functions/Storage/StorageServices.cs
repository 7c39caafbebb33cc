using LoadOps.Cloud.Storage;
using LoadOps.Functions.Webhook;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LoadOps.Functions.Storage;

/// <summary>Puts the functions' state in Azure Storage (or Azurite), as configured under <c>LoadOps:Storage</c>.</summary>
public static class StorageServices
{
    public static IServiceCollection AddLoadOpsStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName)
            .Validate(o => o.Problems().Count == 0, "LoadOps:Storage is incomplete: set ConnectionString, AccountName or the three service URIs.")
            .ValidateOnStart();
        services.AddSingleton(provider => StorageClients.Create(provider.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(provider => new DeliveryStore(provider.GetRequiredService<StorageClients>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDeliveryLog, StorageDeliveryLog>();
        services.AddSingleton<IRunRequestSink, QueueRunRequestSink>();
        return services;
    }
}
