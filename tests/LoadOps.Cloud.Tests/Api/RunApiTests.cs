using System.Text.Json;
using LoadOps.Cloud.Api;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Pipeline;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Tests.Api;

public sealed class RunApiTests
{
    private const string Token = "api-token-for-tests-0001";
    private const string ShopToken = "api-token-for-octo-shop-2";
    private const string BaseUrl = "https://loadops.example.net";

    private readonly MemoryRunCatalog _runs = new();
    private readonly RecordingRunSink _sink = new();
    private readonly RunApi _api;

    public RunApiTests()
    {
        var check = new ApiTokenCheck(new ApiOptions
        {
            Tokens = [new ApiTokenOptions { Sha256 = ApiTokenCheckTests.Sha256(Token) }, new ApiTokenOptions { Sha256 = ApiTokenCheckTests.Sha256(ShopToken), Repository = "octo/shop" }],
            PublicUrl = BaseUrl,
        });
        _api = new RunApi(check, _runs, _sink);
    }

    private Task<ApiResponse> CallAsync(string method, string path, string? body = null, string token = Token, Dictionary<string, string>? query = null) =>
        _api.HandleAsync(new ApiRequest(method, path, BaseUrl) { Authorization = $"Bearer {token}", Body = body, Query = query ?? [] }, TestContext.Current.CancellationToken);

    private static JsonElement Json(ApiResponse response) => JsonDocument.Parse(response.Body).RootElement;

    [Fact]
    public async Task Starting_one_test_queues_an_api_request_and_answers_its_derived_run_id()
    {
        var response = await CallAsync("POST", "/api/runs", """{"repository":"octo/shop","commit":"abcdef1","branch":"feature","test":"checkout","pullRequest":4}""");

        Assert.Equal(202, response.StatusCode);
        var sent = Assert.Single(_sink.Sent);
        Assert.Equal(RunTrigger.Api, sent.Trigger);
        Assert.Equal(("octo/shop", "abcdef1", "feature", "checkout", 4), (sent.Repository, sent.Commit, sent.Branch, sent.TestName, sent.PullRequest));
        var body = Json(response);
        Assert.Equal(sent.RequestId, body.GetProperty("requestId").GetString());
        var runId = RunIds.For(sent.RequestId, "checkout");
        Assert.Equal(runId, body.GetProperty("runIds")[0].GetString());
        Assert.Equal($"{BaseUrl}/api/runs/{runId}", body.GetProperty("statusUrl").GetString());
        Assert.Equal(body.GetProperty("statusUrl").GetString(), response.Headers["Location"]);
    }

    [Fact]
    public async Task Starting_every_test_answers_a_status_url_by_request_id()
    {
        var response = await CallAsync("POST", "/api/runs", """{"repository":"octo/shop","commit":"abcdef1","branch":"main"}""");

        Assert.Equal(202, response.StatusCode);
        var sent = Assert.Single(_sink.Sent);
        Assert.Null(sent.TestName);
        Assert.Equal(0, Json(response).GetProperty("runIds").GetArrayLength());
        Assert.Equal($"{BaseUrl}/api/runs?requestId={sent.RequestId}", Json(response).GetProperty("statusUrl").GetString());
    }

    [Fact]
    public async Task Two_starts_get_two_request_ids()
    {
        const string body = """{"repository":"octo/shop","commit":"abcdef1","branch":"main","test":"checkout"}""";
        await CallAsync("POST", "/api/runs", body);
        await CallAsync("POST", "/api/runs", body);
        Assert.Equal(2, _sink.Sent.Select(r => r.RequestId).Distinct().Count());
    }

    [Fact]
    public async Task A_bad_body_gets_400_and_queues_nothing()
    {
        var response = await CallAsync("POST", "/api/runs", """{"repository":"octo/shop","branch":"main"}""");
        Assert.Equal(400, response.StatusCode);
        Assert.Contains("commit", Json(response).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(_sink.Sent);
    }

    [Fact]
    public async Task A_bad_token_gets_401_and_nothing_else_happens()
    {
        _runs.Runs["r1"] = ApiRuns.Run("r1", RunStatus.Running);
        foreach (var (method, path) in new[] { ("POST", "/api/runs"), ("GET", "/api/runs/r1"), ("GET", "/api/runs/r1/report.md"), ("GET", "/api/nowhere") })
        {
            var response = await CallAsync(method, path, """{"repository":"octo/shop","commit":"abcdef1","branch":"main"}""", token: "not-the-token");
            Assert.Equal(401, response.StatusCode);
            Assert.DoesNotContain("not-the-token", response.Body, StringComparison.Ordinal);
        }
        Assert.Empty(_sink.Sent);
    }

    [Fact]
    public async Task A_repository_scoped_token_cannot_start_or_see_other_repositories()
    {
        _runs.Runs["theirs"] = ApiRuns.Run("theirs", RunStatus.Reported, repository: "octo/other");

        var start = await CallAsync("POST", "/api/runs", """{"repository":"octo/other","commit":"abcdef1","branch":"main"}""", token: ShopToken);
        var show = await CallAsync("GET", "/api/runs/theirs", token: ShopToken);
        var list = await CallAsync("GET", "/api/runs", token: ShopToken, query: new() { ["repository"] = "octo/other", ["commit"] = "abcdef1" });
        var byRequest = await CallAsync("GET", "/api/runs", token: ShopToken, query: new() { ["requestId"] = "req-theirs" });

        Assert.Equal(403, start.StatusCode);
        Assert.Empty(_sink.Sent);
        Assert.Equal(404, show.StatusCode);
        Assert.Equal(403, list.StatusCode);
        Assert.Equal(0, Json(byRequest).GetProperty("runs").GetArrayLength());
        Assert.Equal(200, (await CallAsync("GET", "/api/runs/theirs")).StatusCode);
    }

    [Fact]
    public async Task A_reported_run_shows_verdict_headline_reports_and_p95_delta()
    {
        _runs.Runs["r1"] = ApiRuns.Run("r1", RunStatus.Reported, reason: "regression: ...");
        _runs.Evaluations["r1"] = ApiRuns.Evaluation(RunVerdict.Regression);

        var view = Json(await CallAsync("GET", "/api/runs/r1"));

        Assert.Equal("reported", view.GetProperty("status").GetString());
        Assert.True(view.GetProperty("finished").GetBoolean());
        Assert.Equal("fail", view.GetProperty("outcome").GetString());
        Assert.Equal("regression", view.GetProperty("verdict").GetString());
        Assert.Equal("headline for Regression", view.GetProperty("headline").GetString());
        Assert.Equal(25.6, view.GetProperty("p95DeltaPercent").GetDouble());
        Assert.Equal($"{BaseUrl}/api/runs/r1/report.html", view.GetProperty("reportUrl").GetString());
        Assert.Equal("runs/r1/report.md", view.GetProperty("reports")[0].GetProperty("blob").GetString());
        Assert.Equal($"{BaseUrl}/api/runs/r1/report.md", view.GetProperty("reports")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_running_run_is_pending_without_verdict()
    {
        _runs.Runs["r2"] = ApiRuns.Run("r2", RunStatus.Running);
        _runs.Evaluations["r2"] = ApiRuns.Evaluation(RunVerdict.Pass);

        var view = Json(await CallAsync("GET", "/api/runs/r2"));

        Assert.Equal("pending", view.GetProperty("outcome").GetString());
        Assert.False(view.GetProperty("finished").GetBoolean());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("verdict").ValueKind);
        Assert.Equal(JsonValueKind.Null, view.GetProperty("reportUrl").ValueKind);
    }

    [Fact]
    public async Task Runs_are_listed_by_repository_and_commit_or_by_request()
    {
        _runs.Runs["a"] = ApiRuns.Run("a", RunStatus.Running, commit: "abcdef1");
        _runs.Runs["b"] = ApiRuns.Run("b", RunStatus.Failed, commit: "abcdef1");
        _runs.Runs["c"] = ApiRuns.Run("c", RunStatus.Running, commit: "1234567");

        var byCommit = Json(await CallAsync("GET", "/api/runs", query: new() { ["repository"] = "octo/shop", ["commit"] = "ABCDEF1" }));
        var byRequest = Json(await CallAsync("GET", "/api/runs", query: new() { ["requestId"] = "req-c" }));
        var neither = await CallAsync("GET", "/api/runs", query: new() { ["repository"] = "octo/shop" });

        Assert.Equal(["a", "b"], byCommit.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("runId").GetString()));
        Assert.Equal("c", Assert.Single(byRequest.GetProperty("runs").EnumerateArray()).GetProperty("runId").GetString());
        Assert.Equal(400, neither.StatusCode);
    }

    [Fact]
    public async Task A_stored_report_is_returned_with_its_content_type()
    {
        _runs.Runs["r1"] = ApiRuns.Run("r1", RunStatus.Reported);
        _runs.Reports["runs/r1/report.md"] = "### ✅ LoadOps checkout: Pass";

        var markdown = await CallAsync("GET", "/api/runs/r1/report.md");
        var html = await CallAsync("GET", "/api/runs/r1/report.html");
        var other = await CallAsync("GET", "/api/runs/r1/secrets.txt");

        Assert.Equal((200, "text/markdown; charset=utf-8", "### ✅ LoadOps checkout: Pass"), (markdown.StatusCode, markdown.ContentType, markdown.Body));
        Assert.Equal(404, html.StatusCode);
        Assert.Equal(404, other.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/runs/nope", 404)]
    [InlineData("DELETE", "/api/runs/r1", 405)]
    [InlineData("PUT", "/api/runs", 405)]
    [InlineData("GET", "/api/runs/a/b/c", 404)]
    [InlineData("GET", "/api/runsx", 404)]
    public async Task Unknown_routes_and_methods_get_a_clear_status(string method, string path, int status)
    {
        var response = await CallAsync(method, path);
        Assert.Equal(status, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(Json(response).GetProperty("error").GetString()));
    }
}
