using System.Text.Json.Nodes;
using LoadOps.Cloud.Ecs;
using LoadOps.Cloud.Http;
using LoadOps.Cloud.Tests.Http;
using LoadOps.Cloud.Tests.Stubs;

namespace LoadOps.Cloud.Tests.Ecs;

public sealed class EcsLauncherTests
{
    private static readonly AwsCredentials Credentials = new("AKIDTEST", "secret-key-for-tests", "session-token-for-tests");
    private static readonly EcsOptions Options = new()
    {
        Cluster = "loadops", TaskDefinition = "loadops-runner:3", ContainerName = "runner",
        Subnets = ["subnet-a", "subnet-b"], SecurityGroups = ["sg-1"],
    };

    private sealed class FixedCredentials : IAwsCredentialSource
    {
        public ValueTask<AwsCredentials> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Credentials);
    }

    /// <summary>The ECS pipeline; waits on <paramref name="clock"/> (default: the real one, with millisecond back-off).</summary>
    private static (EcsLauncher Launcher, HttpClient Http) Launcher(StubServer stub, int maxAttempts = 5, FakeClock? clock = null)
    {
        var policy = clock is null ? TestPolicies.Fast(OutboundHttp.Ecs, maxAttempts) : OutboundHttp.Policies[OutboundHttp.Ecs] with { MaxRetries = maxAttempts - 1 };
        var http = OutboundHttp.CreateClient(OutboundHttp.Ecs, policy, clock);
        var client = new EcsJsonClient(http, stub.Address, "eu-west-1", new FixedCredentials(), clock ?? TimeProvider.System);
        return (new EcsLauncher(client, Options), http);
    }

    private static string Tasks(int count, int offset = 0) =>
        new JsonObject
        {
            ["tasks"] = new JsonArray(Enumerable.Range(offset, count).Select(i => (JsonNode)new JsonObject { ["taskArn"] = $"arn:aws:ecs:eu-west-1:1:task/loadops/{i}" }).ToArray()),
            ["failures"] = new JsonArray(),
        }.ToJsonString();

    [Fact]
    public async Task Runs_tasks_in_batches_of_ten_with_a_signed_json_request()
    {
        await using var stub = await StubServer.StartAsync((request, n) => StubResponse.Json(Tasks(JsonNode.Parse(request.BodyText)!["count"]!.GetValue<int>(), n * 100)));
        var (launcher, http) = Launcher(stub);
        using var _ = http;

        var result = await launcher.LaunchAsync("20261123T100000Z-abc123", 23, new Dictionary<string, string> { ["LOADOPS_SHARD_QUEUE"] = "q" }, TestContext.Current.CancellationToken);

        Assert.True(result.IsComplete);
        Assert.Equal(23, result.TaskArns.Count);
        var requests = stub.Requests.ToList();
        Assert.Equal([10, 10, 3], requests.Select(r => JsonNode.Parse(r.BodyText)!["count"]!.GetValue<int>()));
        var first = requests[0];
        Assert.Equal("POST", first.Method);
        Assert.Equal("/", first.Path);
        Assert.Equal("AmazonEC2ContainerServiceV20141113.RunTask", first.Header("X-Amz-Target"));
        Assert.Equal("application/x-amz-json-1.1", first.Header("Content-Type"));
        Assert.Equal("session-token-for-tests", first.Header("X-Amz-Security-Token"));
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential=AKIDTEST/{first.Header("X-Amz-Date")![..8]}/eu-west-1/ecs/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=",
            first.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal(ExpectedSignature(first), first.Header("Authorization"));

        var body = JsonNode.Parse(first.BodyText)!;
        Assert.Equal("FARGATE", body["launchType"]!.GetValue<string>());
        Assert.Equal("loadops-20261123T100000Z-abc123", body["startedBy"]!.GetValue<string>());
        Assert.Equal("subnet-b", body["networkConfiguration"]!["awsvpcConfiguration"]!["subnets"]![1]!.GetValue<string>());
        Assert.Equal("LOADOPS_SHARD_QUEUE", body["overrides"]!["containerOverrides"]![0]!["environment"]![0]!["name"]!.GetValue<string>());
    }

    /// <summary>Recomputes the signature from what the server received: proves we signed exactly the bytes and headers we sent.</summary>
    private static string ExpectedSignature(RecordedRequest request)
    {
        string[] names = ["content-type", "host", "x-amz-date", "x-amz-security-token", "x-amz-target"];
        var signing = new SigningRequest(request.Method, request.Path, request.Query.TrimStart('?'),
            names.Select(n => new KeyValuePair<string, string>(n, request.Header(n)!)).ToList(), SigV4Signer.PayloadHash(request.Body));
        return SigV4Signer.Authorization(signing, Credentials, "eu-west-1", "ecs", request.Header("x-amz-date")!);
    }

    [Fact]
    public async Task A_200_with_failures_is_not_a_complete_launch()
    {
        const string partial = """{"tasks":[{"taskArn":"arn:1"}],"failures":[{"arn":"arn:aws:ecs:eu-west-1:1:container-instance/x","reason":"RESOURCE:MEMORY","detail":"no capacity"}]}""";
        await using var stub = await StubServer.StartAsync((_, _) => StubResponse.Json(partial));
        var (launcher, http) = Launcher(stub);
        using var _ = http;

        var result = await launcher.LaunchAsync("r1", 2, new Dictionary<string, string>(), TestContext.Current.CancellationToken);

        Assert.False(result.IsComplete);
        Assert.Equal(["arn:1"], result.TaskArns);
        Assert.Equal("RESOURCE:MEMORY", Assert.Single(result.Failures).Reason);
    }

    [Fact]
    public async Task Throttling_is_retried_honouring_retry_after()
    {
        var clock = new FakeClock();
        await using var stub = await StubServer.StartAsync((_, n) => n < 3
            ? new StubResponse(400, """{"__type":"com.amazonaws.ecs#ThrottlingException","message":"Rate exceeded"}""", new Dictionary<string, string> { ["Retry-After"] = "20" })
            : StubResponse.Json(Tasks(1)));
        var (launcher, http) = Launcher(stub, clock: clock);
        using var _ = http;
        var token = TestContext.Current.CancellationToken;
        var retryAfter = TimeSpan.FromSeconds(20);

        var launch = launcher.LaunchAsync("r1", 1, new Dictionary<string, string>(), token);
        await clock.WaitForTimersAsync(t => t == retryAfter, 1, token);
        var whileWaiting = stub.Requests.Count;
        clock.Advance(retryAfter);
        await clock.WaitForTimersAsync(t => t == retryAfter, 2, token);
        clock.Advance(retryAfter);
        var result = await launch;

        Assert.Equal(1, whileWaiting);
        Assert.True(result.IsComplete);
        Assert.Equal(3, stub.Requests.Count);
    }

    [Fact]
    public async Task Throttling_without_retry_after_backs_off_on_the_clock_before_trying_again()
    {
        // ECS's JSON protocol says "throttled" with a 400 whose body's __type is ThrottlingException, and no Retry-After.
        var clock = new FakeClock();
        var policy = OutboundHttp.Policies[OutboundHttp.Ecs];
        await using var stub = await StubServer.StartAsync((_, n) => n == 1
            ? StubResponse.Json("""{"__type":"com.amazonaws.ecs#ThrottlingException","message":"Rate exceeded"}""", 400)
            : StubResponse.Json(Tasks(1)));
        var (launcher, http) = Launcher(stub, clock: clock);
        using var _ = http;
        var token = TestContext.Current.CancellationToken;
        // A back-off step: above zero, at most the policy's MaxDelay, and none of the pipeline's timeouts.
        bool IsBackoff(TimeSpan t) => t > TimeSpan.Zero && t <= policy.MaxDelay && t != policy.AttemptTimeout && t != policy.TotalTimeout;

        var launch = launcher.LaunchAsync("r1", 1, new Dictionary<string, string>(), token);
        await clock.WaitForTimersAsync(IsBackoff, 1, token);
        var whileWaiting = stub.Requests.Count;
        clock.Advance(policy.MaxDelay);
        var result = await launch;

        Assert.Equal(1, whileWaiting);
        Assert.True(result.IsComplete);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task A_client_error_is_not_retried_and_keeps_tasks_started_earlier()
    {
        await using var stub = await StubServer.StartAsync((_, n) => n == 1
            ? StubResponse.Json(Tasks(10))
            : StubResponse.Json("""{"__type":"ClientException","message":"TaskDefinition is inactive"}""", 400));
        var (launcher, http) = Launcher(stub);
        using var _ = http;

        var result = await launcher.LaunchAsync("r1", 15, new Dictionary<string, string>(), TestContext.Current.CancellationToken);

        Assert.Equal(10, result.TaskArns.Count);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("ClientException", failure.Reason);
        Assert.Contains("inactive", failure.Detail, StringComparison.Ordinal);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Theory]
    [InlineData(401, """{"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."}""", "UnrecognizedClientException")]
    [InlineData(404, "<html>not found</html>", "Http404")]
    public async Task Errors_surface_their_type(int status, string body, string type)
    {
        await using var stub = await StubServer.StartAsync((_, _) => StubResponse.Json(body, status));
        var (launcher, http) = Launcher(stub);
        using var _ = http;

        var error = await Assert.ThrowsAsync<EcsException>(() => launcher.StopAsync("arn:1", "run finished", TestContext.Current.CancellationToken));

        Assert.Equal(type, error.ErrorType);
        Assert.Single(stub.Requests);
        Assert.DoesNotContain("secret-key-for-tests", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_errors_give_up_after_the_last_attempt()
    {
        await using var stub = await StubServer.StartAsync((_, _) => StubResponse.Json("""{"__type":"ServerException","message":"boom"}""", 500));
        var (launcher, http) = Launcher(stub, maxAttempts: 3);
        using var _ = http;

        var error = await Assert.ThrowsAsync<EcsException>(() => launcher.StopAsync("arn:1", "cleanup", TestContext.Current.CancellationToken));

        Assert.True(error.IsTransient);
        Assert.Equal(3, stub.Requests.Count);
    }

    [Fact]
    public async Task A_malformed_success_body_is_a_clear_error()
    {
        await using var stub = await StubServer.StartAsync((_, _) => StubResponse.Json("{not json"));
        var (launcher, http) = Launcher(stub);
        using var _ = http;

        var error = await Assert.ThrowsAsync<EcsException>(() => launcher.DescribeAsync(["arn:1"], TestContext.Current.CancellationToken));
        Assert.Equal("MalformedResponse", error.ErrorType);
    }

    [Fact]
    public async Task Describe_reads_exit_codes_and_treats_missing_tasks_as_stopped()
    {
        const string body = """
            {"tasks":[{"taskArn":"arn:1","lastStatus":"STOPPED","stopCode":"EssentialContainerExited","containers":[{"name":"sidecar","exitCode":1},{"name":"runner","exitCode":0}]},
                      {"taskArn":"arn:2","lastStatus":"RUNNING","containers":[{"name":"runner"}]}],
             "failures":[{"arn":"arn:3","reason":"MISSING"}]}
            """;
        await using var stub = await StubServer.StartAsync((_, _) => StubResponse.Json(body));
        var (launcher, http) = Launcher(stub);
        using var _ = http;

        var states = await launcher.DescribeAsync(["arn:1", "arn:2", "arn:3"], TestContext.Current.CancellationToken);

        Assert.True(states.Single(s => s.TaskArn == "arn:1").Succeeded);
        Assert.False(states.Single(s => s.TaskArn == "arn:2").IsStopped);
        Assert.True(states.Single(s => s.TaskArn == "arn:3").IsStopped);
    }

    [Fact]
    public async Task Listing_a_runs_tasks_follows_next_tokens()
    {
        await using var stub = await StubServer.StartAsync((_, n) => StubResponse.Json(n == 1
            ? """{"taskArns":["arn:1","arn:2"],"nextToken":"t2"}"""
            : """{"taskArns":["arn:3"]}"""));
        var (launcher, http) = Launcher(stub);
        using var _ = http;

        var arns = await launcher.ListRunningAsync("r1", TestContext.Current.CancellationToken);

        Assert.Equal(["arn:1", "arn:2", "arn:3"], arns);
        Assert.Equal("t2", JsonNode.Parse(stub.Requests.Last().BodyText)!["nextToken"]!.GetValue<string>());
    }
}
