using System.Text.Json.Nodes;
using LoadOps.Cloud.Ecs;
using LoadOps.Cloud.Http;
using LoadOps.Cloud.Tests.Http;
using LoadOps.Cloud.Tests.Stubs;

namespace LoadOps.Cloud.Tests.Ecs;

/// <summary>
/// Every request the launcher sends, checked against AWS's ECS service model (python3-botocore; .ci/run installs it).
/// The stub only answers; the model judges what we sent.
/// </summary>
public sealed class EcsRequestModelTests
{
    private static readonly EcsOptions Options = new()
    {
        Cluster = "arn:aws:ecs:eu-west-1:123456789012:cluster/loadops-runners", TaskDefinition = "loadops-runner:3",
        ContainerName = "runner", Subnets = ["subnet-a", "subnet-b"], SecurityGroups = ["sg-1"], AssignPublicIp = false,
    };

    private sealed class FixedCredentials : IAwsCredentialSource
    {
        public ValueTask<AwsCredentials> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(new AwsCredentials("AKIDTEST", "secret", null));
    }

    private static EcsServiceModel Model() =>
        EcsServiceModel.Load() ?? throw SkipOrFail();

    private static Exception SkipOrFail()
    {
        Assert.Skip("The ECS service model is absent: apt-get install python3-botocore (it ships botocore/data/ecs/*/service-2.json).");
        return new InvalidOperationException("unreachable");
    }

    private static StubResponse Answer(RecordedRequest request)
    {
        var body = JsonNode.Parse(request.BodyText)!;
        return request.Header("X-Amz-Target")!.Split('.')[1] switch
        {
            "RunTask" => StubResponse.Json(new JsonObject { ["tasks"] = new JsonArray(Enumerable.Range(0, body["count"]!.GetValue<int>()).Select(i => (JsonNode)new JsonObject { ["taskArn"] = $"arn:{i}" }).ToArray()) }.ToJsonString()),
            _ => StubResponse.Json("{}"),
        };
    }

    private static async Task<List<RecordedRequest>> EveryCallAsync(string runId)
    {
        await using var stub = await StubServer.StartAsync((request, _) => Answer(request));
        using var http = OutboundHttp.CreateClient(OutboundHttp.Ecs, TestPolicies.Fast(OutboundHttp.Ecs, attempts: 1));
        var launcher = new EcsLauncher(new EcsJsonClient(http, stub.Address, "eu-west-1", new FixedCredentials(), TimeProvider.System), Options);
        var token = TestContext.Current.CancellationToken;
        await launcher.LaunchAsync(runId, 23, new Dictionary<string, string> { ["LOADOPS_SHARD_QUEUE"] = "https://q/x?sig=1", ["LOADOPS_RUN_ID"] = runId }, token);
        await launcher.DescribeAsync([.. Enumerable.Range(0, 150).Select(i => $"arn:aws:ecs:eu-west-1:123456789012:task/loadops-runners/{i}")], token);
        await launcher.StopAsync("arn:aws:ecs:eu-west-1:123456789012:task/loadops-runners/1", "LoadOps: " + new string('x', 400), token);
        await launcher.ListRunningAsync(runId, token);
        return [.. stub.Requests];
    }

    [Theory]
    [InlineData("20261123T100000Z-abc123")]
    [InlineData("20261123T100000Z-a-run-id-longer-than-the-started-by-limit")]
    public async Task Every_request_body_fits_the_ecs_service_model(string runId)
    {
        var model = Model();

        var requests = await EveryCallAsync(runId);

        Assert.Equal(["RunTask", "RunTask", "RunTask", "DescribeTasks", "DescribeTasks", "StopTask", "ListTasks"],
            requests.Select(r => r.Header("X-Amz-Target")!.Split('.')[1]));
        Assert.All(requests, request =>
        {
            var target = request.Header("X-Amz-Target")!.Split('.');
            Assert.Equal(model.TargetPrefix, target[0]);
            Assert.Empty(model.Check(target[1], JsonNode.Parse(request.BodyText)!));
        });
    }

    [Fact]
    public async Task Listing_by_started_by_uses_no_other_filter()
    {
        // The model: "When you specify startedBy as the filter, it must be the only filter that you use."
        Model();
        var list = (await EveryCallAsync("r1")).Single(r => r.Header("X-Amz-Target")!.EndsWith(".ListTasks", StringComparison.Ordinal));

        var body = JsonNode.Parse(list.BodyText)!.AsObject();

        Assert.Equal(["cluster", "startedBy"], body.Select(member => member.Key).Order());
    }

    [Fact]
    public void The_model_check_finds_what_ecs_would_refuse()
    {
        var model = Model();
        var body = JsonNode.Parse("""
            {"taskDefinition":"t","count":11,"launchType":"SPOT","startedBy":"loadops/r1","clusterr":"c",
             "tags":[{"key":"","value":"v"}],"networkConfiguration":{"awsvpcConfiguration":{"subnets":"subnet-a"}}}
            """)!;

        var problems = model.Check("RunTask", body);

        Assert.Contains(problems, p => p.Contains("up to 10 tasks", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'SPOT' is not one of", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("startedBy = 'loadops/r1'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("clusterr is not a member", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("tags[0].key is 0 characters", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("subnets should be list", StringComparison.Ordinal));
        Assert.Contains("tasks is required", model.Check("DescribeTasks", new JsonObject())[0], StringComparison.Ordinal);
    }
}
