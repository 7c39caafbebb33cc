using LoadOps.Cloud.Api;
using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Http;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Publish;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Planning;
using LoadOps.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using LoadOps.Pipeline.Cost;
using LoadOps.Pipeline.Publish;

namespace LoadOps.Cloud.Hosting;

/// <summary>
/// The pipeline behind a host: the HTTP endpoints (<see cref="HttpServices.AddLoadOpsHttp"/>), its state in Azure
/// Storage (or Azurite) as configured under <c>LoadOps:Storage</c>, and the stages with their definition source,
/// launchers and publisher. Options are validated at start, each error naming its setting.
/// </summary>
public static partial class PipelineServices
{
    /// <summary>The planner's timing (<see cref="PlanOptions"/>): <c>StartDelay</c>, <c>ReportGrace</c>, <c>Interval</c>.</summary>
    public const string PlanSection = "LoadOps:Plan";

    public static IServiceCollection AddLoadOpsPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddLoadOpsHttp();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidation>());
        services.AddSingleton(provider => StorageClients.Create(provider.GetRequiredService<IOptions<StorageOptions>>().Value));
        // Before the first request or message: tables, containers and stage queues that storage does not have yet.
        services.AddHostedService<StorageStartup>();
        services.AddSingleton(provider => new DeliveryStore(provider.GetRequiredService<StorageClients>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDeliveryLog, StorageDeliveryLog>();
        services.AddSingleton<IRunRequestSink, QueueRunRequestSink>();
        services.AddSingleton<IRunCatalog>(provider => new StorageRunCatalog(provider.GetRequiredService<StorageClients>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ITrendSource>(provider => new StorageTrendSource(provider.GetRequiredService<StorageClients>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IBaselineAcceptor>(provider => new StorageBaselineAcceptor(provider.GetRequiredService<StorageClients>(), provider.GetRequiredService<TimeProvider>()));
        return services.AddLoadOpsStages(configuration);
    }

    /// <summary>
    /// The pipeline stages. Definitions come from GitHub when <c>LoadOps:GitHub</c> has an App or a token, else from
    /// <c>LoadOps:Local:RepositoryPath</c>; the verdict is published to GitHub (when configured) and Slack. Runners start
    /// on ACI (<c>LoadOps:Aci</c>), ECS (<c>LoadOps:Ecs</c>) and registered pools (<see cref="PoolLauncherRegistration"/>);
    /// with none of them every shard is refused saying what to configure. <c>LoadOps:Plan</c> sets the planner's timing, <c>LoadOps:Stages</c> how stage messages are retried. <c>LoadOps:Cost</c>, when present, prices runs
    /// and enforces budgets. A definition source, shard launcher or publisher registered before this call wins.
    /// </summary>
    public static IServiceCollection AddLoadOpsStages(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        // Slack (and later every outside system) through one resilience pipeline each.
        services.AddLoadOpsOutboundHttp();
        services.AddOptions<LocalOptions>().BindConfiguration(LocalOptions.SectionName);
        services.AddOptions<GitHubOptions>().BindConfiguration(GitHubOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PlanOptions>().BindConfiguration(PlanSection).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlanOptions>, PlanOptionsValidation>());
        services.AddOptions<QueuePumpOptions>().BindConfiguration(QueuePumpOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QueuePumpOptions>, QueuePumpOptionsValidation>());
        services.AddOptions<PublishOptions>().BindConfiguration(PublishOptions.SectionName)
            .Validate(o => o.CheckRunUpdateInterval >= TimeSpan.FromSeconds(1),
                $"{PublishOptions.SectionName}:{nameof(PublishOptions.CheckRunUpdateInterval)} must be at least 00:00:01.")
            .ValidateOnStart();
        services.TryAddSingleton<GitHubAccess>();
        services.TryAddSingleton<IDefinitionSource>(provider =>
            provider.GetRequiredService<GitHubAccess>().Connections is { } github
                ? new GitHubDefinitionSource(github)
                : provider.GetRequiredService<IOptions<LocalOptions>>().Value.RepositoryPath is { Length: > 0 } path
                    ? new LocalDefinitionSource(path)
                    : new UnconfiguredDefinitionSource());
        services.AddSingleton(provider => new CloudLaunchers(
            configuration, provider.GetRequiredService<StorageClients>(),
            provider.GetServices<PoolLauncherRegistration>(), provider.GetRequiredService<IHttpClientFactory>(), provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IShardLauncher>(provider => provider.GetRequiredService<CloudLaunchers>() is { Any: true } cloud
            ? new LocationLauncher(cloud.Set)
            : new UnavailableShardLauncher());
        services.TryAddSingleton(provider => CreatePublisher(provider, configuration));
        var cost = configuration.GetSection(CostOptions.SectionName) is { } section && section.Exists() ? section.Get<CostOptions>() ?? new CostOptions() : null;
        // The stores are one service so a host or a test can put others in their place before this runs.
        services.TryAddSingleton(provider => AzurePipelineStores.Create(provider.GetRequiredService<StorageClients>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new PipelineStages(
            provider.GetRequiredService<PipelineStores>(),
            provider.GetRequiredService<IDefinitionSource>(),
            provider.GetRequiredService<IShardLauncher>(),
            provider.GetRequiredService<TimeProvider>(),
            // Quotas live in their own section (LoadOps:Quotas), beside the planner's timing.
            provider.GetRequiredService<IOptions<PlanOptions>>().Value with
            {
                Quotas = configuration.GetSection(LocationQuota.SectionName).Get<List<LocationQuota>>() ?? [],
            },
            cost: cost,
            teardown: provider.GetRequiredService<CloudLaunchers>().Teardown,
            publisher: provider.GetRequiredService<IRunPublisher>(),
            liveInterval: provider.GetRequiredService<IOptions<PublishOptions>>().Value.CheckRunUpdateInterval));
        return services;
    }

    /// <summary>GitHub (when configured) and Slack; says once, at creation, what will be posted.</summary>
    private static IRunPublisher CreatePublisher(IServiceProvider provider, IConfiguration configuration)
    {
        var github = provider.GetRequiredService<GitHubAccess>().Connections;
        var options = provider.GetRequiredService<IOptions<PublishOptions>>().Value;
        var logger = (provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger(typeof(PipelineServices).FullName!);
        LogPublishing(logger, RunPublisherFactory.Describe(github, options));
        var clock = provider.GetRequiredService<TimeProvider>();
        var slackPosted = new StorageDeliveryLog(new DeliveryStore(provider.GetRequiredService<StorageClients>(), clock), "slack");
        return RunPublisherFactory.Create(github, options, configuration.AsEnumerable(),
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(OutboundHttp.Slack), clock, slackPosted: slackPosted);
    }

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Publishing: {Description}")]
    private static partial void LogPublishing(ILogger logger, string description);
}
