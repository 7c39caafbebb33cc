using System.Net.Http.Json;
using LoadOps.Core.Definitions;
using LoadOps.Core.Planning;
using LoadOps.Core.Results;
using LoadOps.SampleTarget;

namespace LoadOps.Runner.Tests.Execution;

/// <summary>Setup runs once per runner before the load and teardown once after; neither is measured; setup's failure ends the shard with its reason.</summary>
public sealed class LifecycleStepTests
{
    [Fact]
    public async Task The_account_session_example_logs_in_once_per_runner_shares_the_token_and_logs_out()
    {
        await using var shop = await SampleTargetHost.StartAsync();
        var definition = await ExampleDefinitions.LoadAsync("account-session.loadtest.yaml", shop.BaseUrl, TestShards.Steady(1.5, 10));
        var plan = RunPlanner.Plan(definition, "sha256:test", new RunIdentity("run-test", null, null), DateTimeOffset.UtcNow, null, []);

        var results = await Task.WhenAll(plan.Shards.Select(s => TestShards.RunAsync(s, null, TestContext.Current.CancellationToken)));

        // Every account read carried a token the shop issued (it answers 401 otherwise); two runners, two sessions, both closed.
        var sessions = await Counts(shop);
        Assert.Equal(new SessionCounts(2, 2, 0), sessions);
        Assert.All(results, r =>
        {
            Assert.True(r.Result.Total("account") > 0);
            Assert.Equal(r.Result.Total("account"), r.Result.Ok("account"));
            Assert.Equal(["account"], r.Result.Steps.Select(s => s.Step));
            // Only the lifecycle's own issues: a busy machine may add schedule-lag, which is not what this test is about.
            Assert.DoesNotContain(r.Result.TrustIssues, i => i.Code is "setup-failed" or "teardown-failed");
            Assert.Contains("setup step 'login': ok", r.Output, StringComparison.Ordinal);
            Assert.Contains("teardown step 'logout': ok", r.Output, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_failed_setup_step_issues_no_load_and_the_result_says_why()
    {
        await using var shop = await SampleTargetHost.StartAsync();
        var login = new StepSpec { Name = "login", Method = "POST", Path = "/api/sessions", Json = """{"user": ""}""", Expect = new ExpectSpec { Status = [201] } };
        var definition = TestShards.Definition(shop.BaseUrl, TestShards.Steady(1, 20), new ScenarioSpec("main", 1, [TestShards.Get("health", "/health")])) with
        {
            Setup = [login],
            Teardown = [new StepSpec { Name = "logout", Method = "DELETE", Path = "/api/sessions/x" }],
        };

        var (result, output) = await TestShards.RunAsync(TestShards.Spec(definition), null, TestContext.Current.CancellationToken);

        Assert.Equal(0, result.Total());
        Assert.Equal(ResultStatus.Partial, result.Status);
        var issue = Assert.Single(result.TrustIssues, i => i.Code == "setup-failed");
        Assert.Contains("setup step 'login' failed (status): status 400", issue.Message, StringComparison.Ordinal);
        Assert.Contains("no load was issued", output, StringComparison.Ordinal);
        Assert.DoesNotContain("teardown step", output, StringComparison.Ordinal);
        Assert.Equal(new SessionCounts(0, 0, 0), await Counts(shop));
    }

    [Fact]
    public async Task A_failed_teardown_step_keeps_the_figures_and_is_named_in_the_result()
    {
        await using var shop = await SampleTargetHost.StartAsync();
        var definition = TestShards.Definition(shop.BaseUrl, TestShards.Steady(1, 10), new ScenarioSpec("main", 1, [TestShards.Get("health", "/health")])) with
        {
            Teardown = [new StepSpec { Name = "logout", Method = "DELETE", Path = "/api/sessions/not-a-session", Expect = new ExpectSpec { Status = [204] } }],
        };

        var (result, _) = await TestShards.RunAsync(TestShards.Spec(definition), null, TestContext.Current.CancellationToken);

        Assert.True(result.Ok("health") > 0);
        var issue = Assert.Single(result.TrustIssues, i => i.Code == "teardown-failed");
        Assert.Contains("teardown step 'logout' failed (status): status 404", issue.Message, StringComparison.Ordinal);
    }

    private static async Task<SessionCounts?> Counts(SampleTargetHost shop)
    {
        using var client = new HttpClient();
        return await client.GetFromJsonAsync<SessionCounts>(shop.BaseUrl + "/admin/sessions", TestContext.Current.CancellationToken);
    }
}
