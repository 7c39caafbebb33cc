using LoadOps.Cloud.Ecs;

namespace LoadOps.Cloud.Tests.Ecs;

/// <summary>
/// A read-only call against real ECS, only when AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION and
/// LOADOPS_LIVE_ECS_CLUSTER are set: lists the running tasks of a run id no one uses (proves signing and access).
/// </summary>
public sealed class EcsLiveTests
{
    [Fact]
    public async Task Lists_the_tasks_of_an_unused_run_on_a_real_cluster()
    {
        var region = Environment.GetEnvironmentVariable("AWS_REGION");
        var cluster = Environment.GetEnvironmentVariable("LOADOPS_LIVE_ECS_CLUSTER");
        Assert.SkipWhen(string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID")) || string.IsNullOrWhiteSpace(region) || string.IsNullOrWhiteSpace(cluster),
            "live ECS test: set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION and LOADOPS_LIVE_ECS_CLUSTER to run it");
        using var http = new HttpClient();
        var options = new EcsOptions { Region = region!, Cluster = cluster!, TaskDefinition = "unused", Subnets = ["unused"] };
        var launcher = new EcsLauncher(new EcsJsonClient(http, EcsJsonClient.DefaultEndpoint(region!), region!, new EnvironmentCredentialSource(), TimeProvider.System), options);

        var running = await launcher.ListRunningAsync("live-probe-" + Guid.NewGuid().ToString("n")[..8], TestContext.Current.CancellationToken);

        Assert.Empty(running);
    }
}
