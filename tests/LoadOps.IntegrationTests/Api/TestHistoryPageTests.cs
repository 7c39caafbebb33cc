using System.Security.Cryptography;
using System.Text;
using LoadOps.Cloud.Api;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Pipeline;
using LoadOps.IntegrationTests.Storage;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Api;

/// <summary>The history page of the run API read from storage on Azurite: baselines table, run rows and evaluations.</summary>
public sealed class TestHistoryPageTests(AzuriteFixture azurite)
{
    private const string ShopToken = "shop-token-0123456789abcdef";
    private static readonly DateTimeOffset Night = new(2026, 11, 1, 3, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Sha256(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private async Task<RunApi> SeedAsync()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        var baselines = new BaselineStore(clients);
        var runs = new RunStore(clients, TimeProvider.System);
        var blobs = new PipelineBlobs(clients);
        double[] p95 = [200, 204, 198, 201, 199, 202, 262, 258, 261, 259];
        for (var i = 0; i < p95.Length; i++)
        {
            var runId = $"night-{i:00}";
            await runs.CreateAsync(TestRuns.NewRun(runId) with { Commit = $"c{i:00}aaaaaaa", Trigger = RunTrigger.Schedule }, Ct);
            await blobs.WriteEvaluationAsync(runId, new RunEvaluation { Verdict = i == 6 ? RunVerdict.Regression : RunVerdict.Pass, Headline = "h" }, Ct);
            await baselines.AddAsync(new BaselineEntry
            {
                TestName = "checkout", Branch = "main", RunId = runId, Commit = $"c{i:00}aaaaaaa", RunAt = Night.AddDays(i), Trustworthy = true,
                Accepted = i == 6, ResultBlobName = $"runs/{runId}/result.json",
                Metrics = new Dictionary<string, double> { ["p50"] = p95[i] / 2, ["p95"] = p95[i], ["p99"] = p95[i] * 1.4, ["rps"] = 50, ["errors"] = 0 },
            }, Ct);
        }
        // A run of the same test name in another repository: a token limited to octo/shop must not see it.
        await runs.CreateAsync(TestRuns.NewRun("other-repo-run") with { Repo = "someone/else" }, Ct);
        await baselines.AddAsync(new BaselineEntry
        {
            TestName = "checkout", Branch = "main", RunId = "other-repo-run", RunAt = Night.AddDays(20), Trustworthy = true,
            ResultBlobName = "runs/other-repo-run/result.json", Metrics = new Dictionary<string, double> { ["p95"] = 999 },
        }, Ct);

        var tokens = new ApiTokenCheck(new ApiOptions
        {
            Tokens = [new ApiTokenOptions { Sha256 = Sha256(ShopToken), Repository = "octo/shop" }],
            PublicUrl = "https://loadops.example",
        });
        return new RunApi(tokens, new StorageRunCatalog(clients, TimeProvider.System), new QueueRunRequestSink(clients), new StorageTrendSource(clients, TimeProvider.System));
    }

    private static Task<ApiResponse> GetAsync(RunApi api, string path, Dictionary<string, string>? query = null) =>
        api.HandleAsync(new ApiRequest("GET", path, "http://127.0.0.1") { Authorization = $"Bearer {ShopToken}", Query = query ?? [] }, Ct);

    [Fact]
    public async Task The_page_shows_the_repository_runs_with_trigger_verdict_shift_and_acceptance()
    {
        var api = await SeedAsync();
        var page = await GetAsync(api, "/api/tests/checkout/history");

        Assert.Equal(200, page.StatusCode);
        Assert.Equal(TestHistoryPage.HtmlType, page.ContentType);
        Assert.Contains("10 run(s) on main", page.Body, StringComparison.Ordinal);
        Assert.Contains("run night-03 · commit c03aaaa · branch main · trigger schedule · pass", page.Body, StringComparison.Ordinal);
        Assert.Contains("<td>p95</td><td>night-06</td><td>c06aaaa</td>", page.Body, StringComparison.Ordinal);
        Assert.Contains("accepted baseline: run night-06", page.Body, StringComparison.Ordinal);
        Assert.Contains("data-url=\"https://loadops.example/api/tests/checkout/history\"", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("other-repo-run", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_picks_the_runs_side_by_side_and_an_unknown_one_is_a_400()
    {
        var api = await SeedAsync();
        var page = await GetAsync(api, "/api/tests/checkout/history", new() { ["compare"] = "night-00,night-09", ["format"] = "md" });
        Assert.Equal(200, page.StatusCode);
        Assert.Contains("| metric | night-00 (c00aaaa) | night-09 (c09aaaa) |", page.Body, StringComparison.Ordinal);
        Assert.Contains("🔴 259ms (+29.5%)", page.Body, StringComparison.Ordinal);

        var bad = await GetAsync(api, "/api/tests/checkout/history", new() { ["compare"] = "other-repo-run" });
        Assert.Equal(400, bad.StatusCode);
        Assert.Contains("run 'other-repo-run' is not in the history of 'checkout'",
            System.Text.Json.JsonDocument.Parse(bad.Body).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_test_without_runs_is_a_404_that_says_when_runs_appear()
    {
        var api = await SeedAsync();
        var page = await GetAsync(api, "/api/tests/nosuch/history");
        Assert.Equal(404, page.StatusCode);
        Assert.Contains("No reported runs of nosuch yet", page.Body, StringComparison.Ordinal);
    }
}
