using LoadOps.Cloud.Api;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.Functions.Hosting;
using LoadOps.Functions.Stages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        services.AddSingleton<IRunCatalog>(provider => new StorageRunCatalog(provider.GetRequiredService<StorageClients>(), provider.GetRequiredService<TimeProvider>()));
        return services.AddLoadOpsStages();
    }

    /// <summary>
    /// The pipeline stages and their functions. Definitions come from <c>LoadOps:Local:RepositoryPath</c> when set; a
    /// definition source or shard launcher registered before this call wins.
    /// </summary>
    public static IServiceCollection AddLoadOpsStages(this IServiceCollection services)
    {
        services.AddOptions<LocalOptions>().BindConfiguration(LocalOptions.SectionName);
        services.TryAddSingleton<IDefinitionSource>(provider =>
            provider.GetRequiredService<IOptions<LocalOptions>>().Value.RepositoryPath is { Length: > 0 } path
                ? new LocalDefinitionSource(path)
                : new UnconfiguredDefinitionSource());
        services.TryAddSingleton<IShardLauncher, UnavailableShardLauncher>();
        services.AddSingleton(provider => new PipelineStages(
            provider.GetRequiredService<StorageClients>(),
            provider.GetRequiredService<IDefinitionSource>(),
            provider.GetRequiredService<IShardLauncher>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IFunction, ValidateFunction>();
        services.AddSingleton<IFunction, PlanFunction>();
        services.AddSingleton<IFunction, DispatchFunction>();
        services.AddSingleton<IFunction, CollectFunction>();
        services.AddSingleton<IFunction, EvaluateFunction>();
        services.AddSingleton<IFunction, ReportFunction>();
        services.AddSingleton<IFunction, ScheduleFunction>();
        return services;
    }
}
