using LoadOps.Cloud.Aci;
using LoadOps.Cloud.Http;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Pools;
using LoadOps.Cloud.Storage;
using LoadOps.Cloud.Tests.Aci;
using LoadOps.Cloud.Tests.Http;
using LoadOps.Cloud.Tests.Stubs;
using LoadOps.Core.Definitions;
using LoadOps.Core.Planning;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Tests.Pipeline;

public sealed class LocationLauncherTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class RecordingLauncher(string name) : IShardLauncher
    {
        public List<string> Shards { get; } = [];

        public Task<ShardLaunch> LaunchAsync(ShardSpec spec, CancellationToken cancellationToken)
        {
            Shards.Add(spec.ShardId);
            return Task.FromResult(ShardLaunch.Running($"{name}:{spec.ShardId}"));
        }
    }

    [Fact]
    public async Task Unconfigured_schemes_are_refused_saying_what_to_configure()
    {
        var launcher = new LocationLauncher(new LauncherSet());
        var specs = AciTestSpecs.Plan(new RunnerSpec("azure/westeurope", 1), new("aws/us-east-1", 1), new("pool/lab", 1), new("local", 1));

        var launches = await launcher.LaunchAllAsync(specs, Ct);

        Assert.All(launches, l => Assert.False(l.Started));
        Assert.Contains("configure LoadOps:Aci", launches[0].Detail, StringComparison.Ordinal);
        Assert.Contains("configure LoadOps:Ecs", launches[1].Detail, StringComparison.Ordinal);
        Assert.Contains("no runner pool named 'lab'", launches[2].Detail, StringComparison.Ordinal);
        Assert.Contains("cannot start 'local' runners", launches[3].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_location_scheme_is_refused()
    {
        var spec = AciTestSpecs.Plan(new RunnerSpec("local", 1))[0] with { Location = "gcp/europe-west1" };

        var launch = await new LocationLauncher(new LauncherSet()).LaunchAsync(spec, Ct);

        Assert.False(launch.Started);
        Assert.Contains("unknown runner location 'gcp/europe-west1'", launch.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pools_and_local_go_to_their_launchers_in_plan_order()
    {
        var lab = new RecordingLauncher("lab");
        var local = new RecordingLauncher("local");
        var launcher = new LocationLauncher(new LauncherSet { Pools = new Dictionary<string, IShardLauncher> { ["lab"] = lab }, Local = local });
        var specs = AciTestSpecs.Plan(new RunnerSpec("pool/lab", 2), new("local", 1), new("pool/other", 1));

        var launches = await launcher.LaunchAllAsync(specs, Ct);

        Assert.Equal([specs[0].ShardId, specs[1].ShardId], lab.Shards);
        Assert.Equal([specs[2].ShardId], local.Shards);
        Assert.Equal($"lab:{specs[1].ShardId}", launches[1].Detail);
        Assert.Equal($"local:{specs[2].ShardId}", launches[2].Detail);
        Assert.False(launches[0].NeedsTeardown);
        Assert.Contains("known pools: lab", launches[3].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Azure_shards_start_container_groups_in_their_region_and_failures_are_refusals()
    {
        await using var stub = await StubServer.StartAsync((request, _) => request.Path.EndsWith("s001", StringComparison.Ordinal)
            ? StubResponse.Json("""{"error":{"code":"ContainerGroupQuotaReached","message":"quota"}}""", 409)
            : StubResponse.Json("""{"properties":{"provisioningState":"Creating"}}""", 201));
        using var http = OutboundHttp.CreateClient(OutboundHttp.Arm, TestPolicies.Fast(OutboundHttp.Arm, attempts: 1));
        var options = new AciOptions { SubscriptionId = "s", ResourceGroup = "rg", Image = "img", Endpoint = stub.Address };
        var aci = new AciLauncher(new ArmRestClient(http, new FixedTokenCredential(), options), options);
        var specs = AciTestSpecs.Plan(new RunnerSpec("azure/northeurope", 2)).Select(s => s with { Deadline = DateTimeOffset.UtcNow.AddHours(1) }).ToList();
        // Development storage signs its SAS locally with the well-known key: no storage service is called.
        var clients = StorageClients.FromConnectionString("UseDevelopmentStorage=true", new StorageNames());
        var grants = new PoolGrants(clients, TimeProvider.System);

        var launches = await new LocationLauncher(new LauncherSet { Aci = aci, Grants = grants }).LaunchAllAsync(specs, Ct);

        Assert.True(launches[0].Started);
        Assert.True(launches[0].NeedsTeardown);
        Assert.Equal(LocationLauncher.AciPrefix + aci.ResourceId(AciLauncher.GroupName(specs[0])), launches[0].Detail);
        Assert.False(launches[1].Started);
        Assert.Contains("ContainerGroupQuotaReached", launches[1].Detail, StringComparison.Ordinal);
        Assert.All(stub.Requests, r => Assert.Contains("\"location\":\"northeurope\"", r.BodyText, StringComparison.Ordinal));
        // Each group carries its shard's grants as a secure value, and never the account key.
        Assert.All(stub.Requests, r => Assert.Contains("{\"name\":\"LOADOPS_WORK\",\"secureValue\":", r.BodyText, StringComparison.Ordinal));
        Assert.All(stub.Requests, r => Assert.DoesNotContain("Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq", r.BodyText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_aci_launcher_without_grants_refuses_rather_than_start_runners_that_cannot_report()
    {
        var options = new AciOptions { SubscriptionId = "s", ResourceGroup = "rg", Image = "img", Endpoint = new Uri("http://127.0.0.1:9/") };
        using var http = OutboundHttp.CreateClient(OutboundHttp.Arm, TestPolicies.Fast(OutboundHttp.Arm, attempts: 1));
        var aci = new AciLauncher(new ArmRestClient(http, new FixedTokenCredential(), options), options);

        var launch = await new LocationLauncher(new LauncherSet { Aci = aci }).LaunchAsync(AciTestSpecs.Plan(new RunnerSpec("azure/northeurope", 1))[0], Ct);

        Assert.False(launch.Started);
        Assert.Contains("no storage grants", launch.Detail, StringComparison.Ordinal);
    }
}
