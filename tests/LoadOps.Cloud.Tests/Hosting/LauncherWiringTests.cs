using LoadOps.Cloud.Hosting;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Definitions;
using LoadOps.Core.Planning;
using LoadOps.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LoadOps.Cloud.Tests.Hosting;

public sealed class LauncherWiringTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddSingleton(StorageClients.FromConnectionString("UseDevelopmentStorage=true", new StorageNames()));
        services.AddLoadOpsStages(configuration);
        return services.BuildServiceProvider();
    }

    private static ShardSpec Spec(string location) => RunPlanner.Plan(new LoadTestDefinition
    {
        Name = "checkout",
        Target = new TargetSpec { BaseUrl = "http://127.0.0.1:5080" },
        Load = new LoadSpec { Model = LoadModel.Open, Stages = [new StageSpec(TimeSpan.FromMinutes(1), 10)] },
        Scenarios = [new ScenarioSpec("browse", 1, [new StepSpec { Name = "list", Method = "GET", Path = "/" }])],
        Runners = [new RunnerSpec(location, 1)],
    }, "hash", new RunIdentity("r1"), DateTimeOffset.UnixEpoch).Shards[0];

    [Fact]
    public async Task Without_launcher_configuration_every_shard_is_refused_saying_what_to_set()
    {
        using var provider = Services([]);

        var launch = await provider.GetRequiredService<IShardLauncher>().LaunchAsync(Spec("azure/westeurope"), TestContext.Current.CancellationToken);

        Assert.IsType<UnavailableShardLauncher>(provider.GetRequiredService<IShardLauncher>());
        Assert.False(launch.Started);
        Assert.Contains("LoadOps:Aci", launch.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_aci_section_of_empty_settings_counts_as_absent()
    {
        // What bicep/modules/functionApp.bicep deploys without a runner image.
        using var provider = Services(new()
        {
            ["LoadOps:Aci:SubscriptionId"] = "", ["LoadOps:Aci:ResourceGroup"] = "", ["LoadOps:Aci:Image"] = "",
            ["LoadOps:Aci:ManagedIdentityClientId"] = "", ["LoadOps:Aci:RunnerIdentityResourceId"] = "",
        });

        var launch = await provider.GetRequiredService<IShardLauncher>().LaunchAsync(Spec("azure/westeurope"), TestContext.Current.CancellationToken);

        Assert.False(launch.Started);
        Assert.Contains("LoadOps:Aci", launch.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aci_configuration_routes_azure_locations_and_refuses_unconfigured_aws()
    {
        using var provider = Services(new()
        {
            ["LoadOps:Aci:SubscriptionId"] = "sub", ["LoadOps:Aci:ResourceGroup"] = "rg", ["LoadOps:Aci:Image"] = "runner:1",
            ["LoadOps:Aci:Secrets:API_TOKEN"] = "x", ["LoadOps:Cost:Prices:azure"] = "0.02", ["LoadOps:Cost:MonthlyBudget"] = "50",
        });

        var launcher = provider.GetRequiredService<IShardLauncher>();
        var aws = await launcher.LaunchAsync(Spec("aws/us-east-1"), TestContext.Current.CancellationToken);

        Assert.IsType<LocationLauncher>(launcher);
        Assert.False(aws.Started);
        Assert.Contains("configure LoadOps:Ecs", aws.Detail, StringComparison.Ordinal);
        Assert.NotNull(provider.GetRequiredService<PipelineStages>().Runners);
    }

    [Fact]
    public void An_incomplete_section_stops_the_app_naming_every_missing_setting()
    {
        using var provider = Services(new() { ["LoadOps:Ecs:Cluster"] = "loadops" });

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IShardLauncher>());

        Assert.Contains("LoadOps:Ecs:Region", error.Message, StringComparison.Ordinal);
        Assert.Contains("LoadOps:Ecs:TaskDefinition", error.Message, StringComparison.Ordinal);
        Assert.Contains("LoadOps:Ecs:Subnets", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pools_configured_under_LoadOps_Pools_get_a_pool_launcher()
    {
        using var provider = Services(new() { ["LoadOps:Pools:lab:Transport"] = "StorageQueue", ["LoadOps:Pools:gpu:QueueName"] = "gpu-work" });

        var launcher = provider.GetRequiredService<IShardLauncher>();
        var unknown = await launcher.LaunchAsync(Spec("pool/other"), TestContext.Current.CancellationToken);

        Assert.IsType<LocationLauncher>(launcher);
        var pools = provider.GetRequiredService<CloudLaunchers>().Set.Pools;
        Assert.Equal(["gpu", "lab"], pools.Keys.Order(StringComparer.Ordinal));
        Assert.All(pools.Values, p => Assert.IsType<LoadOps.Cloud.Pools.PoolLauncher>(p));
        Assert.False(unknown.Started);
        Assert.Contains("known pools: gpu, lab", unknown.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_pool_setting_stops_the_app_naming_it()
    {
        using var provider = Services(new() { ["LoadOps:Pools:lab:Transport"] = "Carrier-pigeon" });

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IShardLauncher>());

        Assert.Contains("LoadOps:Pools:lab:Transport must be StorageQueue or ServiceBus", error.Message, StringComparison.Ordinal);
    }

    private static readonly Dictionary<string, string?> CloudRunners = new()
    {
        ["LoadOps:Aci:SubscriptionId"] = "sub", ["LoadOps:Aci:ResourceGroup"] = "rg", ["LoadOps:Aci:Image"] = "runner:1",
        ["LoadOps:Ecs:Region"] = "eu-west-1", ["LoadOps:Ecs:Cluster"] = "loadops", ["LoadOps:Ecs:TaskDefinition"] = "loadops-runner:3",
        ["LoadOps:Ecs:Subnets:0"] = "subnet-1", ["LoadOps:Ecs:AccessKeyId"] = "AKIDEXAMPLE", ["LoadOps:Ecs:SecretAccessKey"] = "secret",
    };

    private static Dictionary<string, string> AciRunnerEnvironment(CloudLaunchers launchers) =>
        launchers.Aci!.GroupBody(Aci.AciTestSpecs.Work(Spec("azure/westeurope")), "westeurope")["properties"]!["containers"]![0]!["properties"]!["environmentVariables"]!
            .AsArray().Where(e => e!["value"] is not null).ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!["value"]!.GetValue<string>());

    [Theory]
    [InlineData(null, "http://collector.internal:4318/")]
    [InlineData("https://otlp.example.net/", "https://otlp.example.net/")]
    public void Cloud_runners_are_given_the_pipelines_otlp_endpoint(string? runnerEndpoint, string expected)
    {
        using var provider = Services(new(CloudRunners)
        {
            ["LoadOps:Otlp:Endpoint"] = "http://collector.internal:4318", ["LoadOps:Otlp:RunnerEndpoint"] = runnerEndpoint,
        });

        var launchers = provider.GetRequiredService<CloudLaunchers>();

        Assert.Equal(expected, AciRunnerEnvironment(launchers)["LOADOPS_OTLP_ENDPOINT"]);
        Assert.Equal(expected, launchers.Set.EcsEnvironment["LOADOPS_OTLP_ENDPOINT"]);
    }

    [Fact]
    public void A_launchers_own_environment_keeps_its_endpoint_and_without_one_none_is_added()
    {
        using var own = Services(new(CloudRunners) { ["LoadOps:Otlp:Endpoint"] = "http://collector:4318", ["LoadOps:Aci:Environment:LOADOPS_OTLP_ENDPOINT"] = "http://aci-side:4318" });
        using var none = Services(new(CloudRunners));

        Assert.Equal("http://aci-side:4318", AciRunnerEnvironment(own.GetRequiredService<CloudLaunchers>())["LOADOPS_OTLP_ENDPOINT"]);
        Assert.Equal("http://collector:4318/", own.GetRequiredService<CloudLaunchers>().Set.EcsEnvironment["LOADOPS_OTLP_ENDPOINT"]);
        Assert.DoesNotContain("LOADOPS_OTLP_ENDPOINT", AciRunnerEnvironment(none.GetRequiredService<CloudLaunchers>()).Keys);
        Assert.Empty(none.GetRequiredService<CloudLaunchers>().Set.EcsEnvironment);
    }

    [Fact]
    public void A_malformed_runner_endpoint_stops_the_app_naming_the_setting_without_echoing_it()
    {
        using var provider = Services(new(CloudRunners) { ["LoadOps:Otlp:RunnerEndpoint"] = "http://user:hunter2@collector:4318" });

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<CloudLaunchers>());

        Assert.Contains("LoadOps:Otlp:RunnerEndpoint must be the http(s) base address", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }
}

