using LoadOps.Cloud.Hosting;
using LoadOps.Cloud.Storage;
using LoadOps.Cloud.Telemetry;
using LoadOps.Functions.Stages;
using LoadOps.Pipeline;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LoadOps.Functions.Hosting;

/// <summary>
/// The services of the Functions app, as Program.cs registers them (tests build the function classes from the same
/// registration). The worker creates each function class per invocation from these services.
/// </summary>
public static class FunctionsApp
{
    /// <summary>
    /// The connection setting of every queue trigger: the host's own storage account, which is also the LoadOps
    /// account (<c>AzureWebJobsStorage__accountName</c> and <c>LoadOps__Storage__AccountName</c> name the same one).
    /// </summary>
    public const string StorageConnection = "AzureWebJobsStorage";

    /// <summary>The worker host: ASP.NET Core integration for the HTTP functions, the app's services, checked when built.</summary>
    public static IHost CreateHost(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        // Fail at start, not at the first message, when a seam (storage, queues) has no implementation registered.
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        builder.ConfigureFunctionsWebApplication();
        builder.AddLoadOpsFunctionsApp();
        builder.Services.RequireUnprefixedQueues();
        return builder.Build();
    }

    public static IHostApplicationBuilder AddLoadOpsFunctionsApp(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddLoadOpsPipeline(builder.Configuration);
        // The queue functions' shared decoding and poison handling; the stages themselves are the pipeline's.
        builder.Services.AddSingleton<StageInvocation>();
        builder.Services.AddLoadOpsTracing(builder.Configuration, "loadops-functions");
        return builder;
    }

    /// <summary>
    /// What only the real Functions host needs: its queue triggers listen on the unprefixed names, so a name prefix
    /// would leave every stage without messages. (A test that plays the host reads the prefixed queues itself.)
    /// </summary>
    public static IServiceCollection RequireUnprefixedQueues(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().Validate(
            options => options.NamePrefix.Length == 0,
            $"{StorageOptions.SectionName}:NamePrefix must be empty in the Functions app: its queue triggers listen on the fixed names " +
            $"({string.Join(", ", StageQueueNames.Stages)}). Give each deployment a storage account of its own.");
        return services;
    }
}
