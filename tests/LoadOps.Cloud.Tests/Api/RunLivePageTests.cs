using System.Text.Json;
using LoadOps.Cloud.Api;
using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;
using LoadOps.Pipeline.Live;

namespace LoadOps.Cloud.Tests.Api;

/// <summary>Live figures in the run API (memory catalog): in the run's view while it is under way, and the live page.</summary>
public sealed class RunLivePageTests
{
    private const string Token = "api-token-for-live-tests-01";
    private const string ShopToken = "api-token-for-live-octo-shop";

    private readonly MemoryRunCatalog _runs = new();
    private readonly RunApi _api;

    public RunLivePageTests()
    {
        var check = new ApiTokenCheck(new ApiOptions
        {
            Tokens = [new ApiTokenOptions { Sha256 = ApiTokenCheckTests.Sha256(Token) }, new ApiTokenOptions { Sha256 = ApiTokenCheckTests.Sha256(ShopToken), Repository = "octo/shop" }],
        });
        _api = new RunApi(check, _runs, new RecordingRunSink());
    }

    private static readonly LiveFigures Figures = new() { ElapsedSeconds = 4, TotalSeconds = 10, Requests = 321, ShardCount = 2, ShardsReporting = 2 };

    private Task<ApiResponse> GetAsync(string path, string token = Token, Dictionary<string, string>? query = null) =>
        _api.HandleAsync(new ApiRequest("GET", path, "http://127.0.0.1") { Authorization = $"Bearer {token}", Query = query ?? [] }, TestContext.Current.CancellationToken);

    [Theory]
    [InlineData(RunStatus.Dispatched, true)]
    [InlineData(RunStatus.Running, true)]
    [InlineData(RunStatus.Collecting, true)]
    [InlineData(RunStatus.Evaluating, false)]
    [InlineData(RunStatus.Reported, false)]
    public async Task The_view_carries_the_live_figures_only_while_the_run_is_under_way(RunStatus status, bool shown)
    {
        _runs.Runs["r1"] = ApiRuns.Run("r1", status);
        _runs.Live["r1"] = Figures;

        var response = await GetAsync("/api/runs/r1");

        Assert.Equal(200, response.StatusCode);
        var live = JsonDocument.Parse(response.Body).RootElement.GetProperty("live");
        Assert.Equal(shown ? JsonValueKind.Object : JsonValueKind.Null, live.ValueKind);
        if (shown)
            Assert.Equal(321, live.GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task The_live_page_embeds_the_view_and_its_refresh_period()
    {
        _runs.Runs["r1"] = ApiRuns.Run("r1", RunStatus.Running);
        _runs.Live["r1"] = Figures;

        var response = await GetAsync("/api/runs/r1/live", query: new() { ["refresh"] = "2" });

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("text/html", response.ContentType, StringComparison.Ordinal);
        Assert.Contains("\"requests\":321", response.Body, StringComparison.Ordinal);
        Assert.Contains("const refreshMs = 2000;", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_from_the_run_cannot_end_the_embedded_script()
    {
        _runs.Runs["r1"] = ApiRuns.Run("r1", RunStatus.Running, reason: "</script><script>alert(1)</script>");

        var response = await GetAsync("/api/runs/r1/live");

        Assert.Equal(200, response.StatusCode);
        Assert.DoesNotContain("<script>alert(1)", response.Body, StringComparison.Ordinal);
        Assert.Contains("\\u003C/script\\u003E", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("301")]
    [InlineData("soon")]
    public async Task A_refresh_that_is_not_1_to_300_seconds_is_refused_naming_it(string refresh)
    {
        _runs.Runs["r1"] = ApiRuns.Run("r1", RunStatus.Running);

        var response = await GetAsync("/api/runs/r1/live", query: new() { ["refresh"] = refresh });

        Assert.Equal(400, response.StatusCode);
        Assert.Contains($"refresh={refresh} is not a number of seconds from 1 to 300", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_run_or_another_repositorys_run_is_not_found_and_no_token_is_refused()
    {
        _runs.Runs["theirs"] = ApiRuns.Run("theirs", RunStatus.Running, repository: "octo/other");

        Assert.Equal(404, (await GetAsync("/api/runs/nope/live")).StatusCode);
        Assert.Equal(404, (await GetAsync("/api/runs/theirs/live", ShopToken)).StatusCode);
        var anonymous = await _api.HandleAsync(new ApiRequest("GET", "/api/runs/theirs/live", "http://127.0.0.1"), TestContext.Current.CancellationToken);
        Assert.Equal(401, anonymous.StatusCode);
    }
}
