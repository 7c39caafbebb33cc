using LoadOps.Core.Definitions;
using System.Text.Json.Nodes;
using LoadOps.Cloud.Aci;
using LoadOps.Cloud.Http;
using LoadOps.Cloud.Tests.Http;
using LoadOps.Cloud.Tests.Stubs;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;
using LoadOps.Core.Serialization;

namespace LoadOps.Cloud.Tests.Aci;

public sealed class AciLauncherTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AciOptions Options(Uri endpoint) => new()
    {
        SubscriptionId = "sub-1", ResourceGroup = "rg-runners", Image = "ghcr.io/acme/loadops-runner:1.0.0",
        Cpu = 2, MemoryGb = 4, Endpoint = endpoint,
        Environment = new Dictionary<string, string> { ["LOADOPS_STORAGE_ACCOUNT"] = "acct" },
        Secrets = new Dictionary<string, string> { ["API_TOKEN"] = "s3cret-value" },
        RunnerIdentityResourceId = "/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/runner",
    };

    /// <summary>The ARM pipeline with 3 attempts of at most 1 s each; waits on <paramref name="clock"/> (default: the real one, with millisecond back-off).</summary>
    private static (AciLauncher Launcher, HttpClient Http, FixedTokenCredential Credential) Launcher(StubServer stub, TimeProvider? clock = null)
    {
        var http = OutboundHttp.CreateClient(OutboundHttp.Arm, TestPolicies.Fast(OutboundHttp.Arm, attempts: 3, attemptTimeoutSeconds: 1), clock);
        var credential = new FixedTokenCredential();
        var options = Options(stub.Address);
        return (new AciLauncher(new ArmRestClient(http, credential, options), options), http, credential);
    }

    private static string Group(string provisioning, string? state = null, int? exitCode = null) => new JsonObject
    {
        ["id"] = "x",
        ["properties"] = new JsonObject
        {
            ["provisioningState"] = provisioning,
            ["instanceView"] = state is null ? null : new JsonObject { ["state"] = state },
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = "runner",
                ["properties"] = new JsonObject { ["instanceView"] = new JsonObject { ["currentState"] = new JsonObject { ["exitCode"] = exitCode, ["detailStatus"] = "Completed" } } },
            }),
        },
    }.ToJsonString();

    private static ShardSpec Spec => AciTestSpecs.Plan(new RunnerSpec("azure/westeurope", 1))[0];

    [Fact]
    public async Task Creates_a_container_group_with_the_pinned_api_version_a_bearer_token_and_the_shard_in_its_environment()
    {
        await using var stub = await StubServer.StartAsync((_, _) => StubResponse.Json(Group("Creating"), 201));
        var (launcher, http, credential) = Launcher(stub);
        using var _ = http;

        var id = await launcher.LaunchAsync(AciTestSpecs.Work(Spec), "westeurope", Ct);

        var request = Assert.Single(stub.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal("/subscriptions/sub-1/resourceGroups/rg-runners/providers/Microsoft.ContainerInstance/containerGroups/lo-checkout-0123456789ab-s000", request.Path);
        Assert.Equal(request.Path, id);
        Assert.Equal("?api-version=2023-05-01", request.Query);
        Assert.Equal("Bearer test-arm-token", request.Header("Authorization"));
        Assert.Equal([stub.Address + ".default"], credential.Scopes);

        var body = JsonNode.Parse(request.BodyText)!;
        Assert.Equal("westeurope", body["location"]!.GetValue<string>());
        Assert.Equal("Never", body["properties"]!["restartPolicy"]!.GetValue<string>());
        Assert.Equal("Linux", body["properties"]!["osType"]!.GetValue<string>());
        Assert.Equal("UserAssigned", body["identity"]!["type"]!.GetValue<string>());
        var container = body["properties"]!["containers"]![0]!["properties"]!;
        Assert.Equal("ghcr.io/acme/loadops-runner:1.0.0", container["image"]!.GetValue<string>());
        Assert.Equal(2, container["resources"]!["requests"]!["cpu"]!.GetValue<double>());
        Assert.Equal(4, container["resources"]!["requests"]!["memoryInGB"]!.GetValue<double>());
        var environment = container["environmentVariables"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!.AsObject());
        var spec = LoadOpsJson.Deserialize<ShardSpec>(environment[AciLauncher.SpecVariable]["value"]!.GetValue<string>());
        Assert.Equal(Spec.ShardId, spec.ShardId);
        // The work item carries SAS grants: a secure value only, never a plain one.
        Assert.False(environment[AciLauncher.WorkVariable].ContainsKey("value"));
        var work = LoadOpsJson.Deserialize<PoolWorkItem>(environment[AciLauncher.WorkVariable]["secureValue"]!.GetValue<string>());
        var sent = AciTestSpecs.Work(Spec);
        Assert.Equal(sent.ResultUploadUrl, work.ResultUploadUrl);
        Assert.Equal(sent.DoneQueueUrl, work.DoneQueueUrl);
        Assert.Equal(sent.ResultBlobName, work.ResultBlobName);
        Assert.Equal(sent.ExpiresOn, work.ExpiresOn);
        Assert.Equal(Spec.ShardId, work.Spec.ShardId);
        Assert.Equal("acct", environment["LOADOPS_STORAGE_ACCOUNT"]["value"]!.GetValue<string>());
        Assert.Equal("s3cret-value", environment["LOADOPS_SECRET_API_TOKEN"]["secureValue"]!.GetValue<string>());
        Assert.False(environment["LOADOPS_SECRET_API_TOKEN"].ContainsKey("value"));
    }

    [Theory]
    [InlineData(401, "AuthenticationFailed")]
    [InlineData(404, "ResourceGroupNotFound")]
    [InlineData(409, "Conflict")]
    [InlineData(400, "InvalidContainerGroup")]
    public async Task A_client_error_is_not_retried_and_names_the_code(int status, string code)
    {
        await using var stub = await StubServer.StartAsync((_, _) => StubResponse.Json($$$"""{"error":{"code":"{{{code}}}","message":"nope"}}""", status));
        var (launcher, http, _) = Launcher(stub);
        using var _ = http;

        var error = await Assert.ThrowsAsync<AciException>(() => launcher.LaunchAsync(AciTestSpecs.Work(Spec), "westeurope", Ct));

        Assert.Equal(code, error.Code);
        Assert.Equal(status, error.StatusCode);
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task Throttling_is_retried_after_the_retry_after_delay()
    {
        var clock = new FakeClock();
        var retryAfter = TimeSpan.FromSeconds(30);
        await using var stub = await StubServer.StartAsync((_, n) => n == 1
            ? new StubResponse(429, """{"error":{"code":"TooManyRequests","message":"slow down"}}""", new Dictionary<string, string> { ["Retry-After"] = "30" })
            : StubResponse.Json(Group("Succeeded", "Running")));
        var (launcher, http, _) = Launcher(stub, clock);
        using var _ = http;

        var launch = launcher.LaunchAsync(AciTestSpecs.Work(Spec), "westeurope", Ct);
        await clock.WaitForTimersAsync(t => t == retryAfter, 1, Ct);
        var retriedEarly = stub.Requests.Count;
        clock.Advance(retryAfter);
        await launch;

        Assert.Equal(1, retriedEarly);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task Server_errors_are_retried_up_to_the_limit_then_reported()
    {
        await using var stub = await StubServer.StartAsync((_, _) => StubResponse.Json("""{"error":{"code":"InternalServerError","message":"boom"}}""", 503));
        var (launcher, http, _) = Launcher(stub);
        using var _ = http;

        var error = await Assert.ThrowsAsync<AciException>(() => launcher.LaunchAsync(AciTestSpecs.Work(Spec), "westeurope", Ct));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(3, stub.Requests.Count);
    }

    [Fact]
    public async Task A_service_that_does_not_answer_times_out_and_is_retried()
    {
        await using var stub = await StubServer.StartAsync((_, n) =>
        {
            if (n == 1)
                Thread.Sleep(TimeSpan.FromSeconds(3));
            return StubResponse.Json(Group("Creating"));
        });
        var (launcher, http, _) = Launcher(stub);
        using var _ = http;

        await launcher.LaunchAsync(AciTestSpecs.Work(Spec), "westeurope", Ct);

        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task A_success_with_a_body_that_is_not_json_is_an_error_not_a_crash()
    {
        await using var stub = await StubServer.StartAsync((_, _) => StubResponse.Json("<html>gateway</html>"));
        var (launcher, http, _) = Launcher(stub);
        using var _ = http;

        var error = await Assert.ThrowsAsync<AciException>(() => launcher.LaunchAsync(AciTestSpecs.Work(Spec), "westeurope", Ct));

        Assert.Equal("MalformedResponse", error.Code);
    }

    [Fact]
    public async Task A_group_that_failed_to_provision_is_an_error()
    {
        await using var stub = await StubServer.StartAsync((_, _) => StubResponse.Json(Group("Failed")));
        var (launcher, http, _) = Launcher(stub);
        using var _ = http;

        var error = await Assert.ThrowsAsync<AciException>(() => launcher.LaunchAsync(AciTestSpecs.Work(Spec), "westeurope", Ct));

        Assert.Equal("ProvisioningFailed", error.Code);
    }

    [Fact]
    public async Task Reads_the_state_and_exit_code_and_a_missing_group_is_not_found()
    {
        await using var stub = await StubServer.StartAsync((request, _) => request.Path.EndsWith("/gone", StringComparison.Ordinal)
            ? StubResponse.Json("""{"error":{"code":"ResourceNotFound","message":"no"}}""", 404)
            : StubResponse.Json(Group("Succeeded", "Succeeded", 3)));
        var (launcher, http, _) = Launcher(stub);
        using var _ = http;

        var done = await launcher.GetStateAsync(launcher.ResourceId("done"), Ct);
        var gone = await launcher.GetStateAsync(launcher.ResourceId("gone"), Ct);

        Assert.True(done.IsFinished);
        Assert.False(done.Succeeded);
        Assert.Equal(3, done.ExitCode);
        Assert.False(gone.Exists);
        Assert.True(gone.IsFinished);
        Assert.All(stub.Requests, r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task Deletes_a_group_and_a_group_already_gone_is_not_an_error()
    {
        await using var stub = await StubServer.StartAsync((_, n) => n == 1 ? StubResponse.Json("", 200) : StubResponse.Json("""{"error":{"code":"ResourceNotFound","message":"no"}}""", 404));
        var (launcher, http, _) = Launcher(stub);
        using var _ = http;

        Assert.True(await launcher.DeleteAsync(launcher.ResourceId("a"), Ct));
        Assert.False(await launcher.DeleteAsync(launcher.ResourceId("a"), Ct));
        Assert.All(stub.Requests, r => Assert.Equal("DELETE", r.Method));
        Assert.All(stub.Requests, r => Assert.Equal("?api-version=2023-05-01", r.Query));
    }

    [Fact]
    public void Group_names_are_valid_and_unique_even_for_long_shard_ids()
    {
        var spec = Spec with { ShardId = new string('x', 80) + "-s001" };
        var other = Spec with { ShardId = new string('x', 80) + "-s002" };

        var name = AciLauncher.GroupName(spec);

        Assert.True(name.Length <= 63);
        Assert.All(name, c => Assert.True(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'));
        Assert.NotEqual(name, AciLauncher.GroupName(other));
    }

    [Fact]
    public async Task Regression_a_delete_answered_204_means_the_group_was_already_gone()
    {
        await using var stub = await StubServer.StartAsync((_, _) => new StubResponse(204, ""));
        var (launcher, http, _) = Launcher(stub);
        using var _ = http;

        Assert.False(await launcher.DeleteAsync(launcher.ResourceId("a"), Ct));
    }
}
