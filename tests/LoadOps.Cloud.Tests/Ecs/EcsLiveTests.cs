using LoadOps.Cloud.Ecs;
using LoadOps.Cloud.Http;

namespace LoadOps.Cloud.Tests.Ecs;

/// <summary>
/// A read-only call against real ECS, only when AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION and
/// LOADOPS_LIVE_ECS_CLUSTER are set: describes a task that does not exist (proves signing and access; the launcher
/// role may call DescribeTasks). LOADOPS_LIVE_ECS_ROLE_ARN (and LOADOPS_LIVE_ECS_EXTERNAL_ID) assume the launcher role first.
/// </summary>
public sealed class EcsLiveTests
{
    [Fact]
    public async Task Describing_a_task_that_does_not_exist_reports_it_stopped()
    {
        var region = Environment.GetEnvironmentVariable("AWS_REGION");
        var cluster = Environment.GetEnvironmentVariable("LOADOPS_LIVE_ECS_CLUSTER");
        Assert.SkipWhen(string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID")) || string.IsNullOrWhiteSpace(region) || string.IsNullOrWhiteSpace(cluster),
            "live ECS test: set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION and LOADOPS_LIVE_ECS_CLUSTER to run it");
        using var http = OutboundHttp.CreateClient(OutboundHttp.Ecs);
        var options = new EcsOptions { Region = region!, Cluster = cluster!, TaskDefinition = "unused", Subnets = ["unused"] };
        IAwsCredentialSource credentials = new EnvironmentCredentialSource();
        if (Environment.GetEnvironmentVariable("LOADOPS_LIVE_ECS_ROLE_ARN") is { Length: > 0 } role)
            credentials = new AssumeRoleCredentialSource(http, credentials, role, Environment.GetEnvironmentVariable("LOADOPS_LIVE_ECS_EXTERNAL_ID"), region!, TimeProvider.System);
        var launcher = new EcsLauncher(new EcsJsonClient(http, EcsJsonClient.DefaultEndpoint(region!), region!, credentials, TimeProvider.System), options);
        var arn = $"arn:aws:ecs:{region}:000000000000:task/{cluster}/{Guid.NewGuid():n}";

        var states = await launcher.DescribeAsync([arn], TestContext.Current.CancellationToken);

        Assert.All(states, s => Assert.True(s.IsStopped));
    }
}
