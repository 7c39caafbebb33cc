using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Tests.Stubs;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Validation;
using static LoadOps.Cloud.Tests.Publish.PublishFixture;

namespace LoadOps.Cloud.Tests.Publish;

public sealed class GitHubRunPublisherTests
{
    [Fact]
    public async Task Dispatch_then_report_twice_leaves_one_completed_check_run_one_comment_and_statuses()
    {
        await using var github = await GitHubStub.StartAsync();
        using var connections = Connections(github.Server);
        var publisher = Publisher(connections, statuses: true);

        var dispatched = await publisher.DispatchedAsync(Run(), Token);
        var first = await publisher.ReportedAsync(Report(RunVerdict.Fail), Token);
        var again = await publisher.ReportedAsync(Report(RunVerdict.Fail), Token);

        Assert.False(dispatched.HasProblems, dispatched.ToString());
        Assert.False(first.HasProblems, first.ToString());
        Assert.False(again.HasProblems, again.ToString());
        var check = Assert.Single(github.CheckRuns.Values);
        Assert.Equal("loadops/checkout", check["name"]!.GetValue<string>());
        Assert.Equal(Run().RunId, check["external_id"]!.GetValue<string>());
        Assert.Equal("completed", check["status"]!.GetValue<string>());
        Assert.Equal("failure", check["conclusion"]!.GetValue<string>());
        Assert.Contains("checkout passed", check["output"]!["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        var comment = Assert.Single(github.Comments.Values);
        Assert.StartsWith("<!-- loadops:comment test=checkout -->", comment, StringComparison.Ordinal);
        Assert.Equal(2, github.Statuses.Count);
        Assert.All(github.Statuses, s => Assert.Equal("failure", s["state"]!.GetValue<string>()));
        Assert.Contains("updated", again.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RunVerdict.Pass, 0, false, "success")]
    [InlineData(RunVerdict.Improvement, 0, false, "success")]
    [InlineData(RunVerdict.Pass, 1, false, "neutral")]
    [InlineData(RunVerdict.Pass, 0, true, "neutral")]
    [InlineData(RunVerdict.Regression, 0, false, "failure")]
    [InlineData(RunVerdict.Inconclusive, 0, false, "neutral")]
    public async Task A_pass_is_a_success_only_when_clean(RunVerdict verdict, int shardsMissing, bool reservation, string conclusion)
    {
        await using var github = await GitHubStub.StartAsync();
        using var connections = Connections(github.Server);

        var result = await Publisher(connections).ReportedAsync(
            Report(verdict, shardsMissing: shardsMissing, reservations: reservation ? ["the runners' CPU was saturated"] : null), Token);

        Assert.False(result.HasProblems, result.ToString());
        Assert.Equal(conclusion, Assert.Single(github.CheckRuns.Values)["conclusion"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_report_longer_than_githubs_limit_is_cut_and_says_so()
    {
        await using var github = await GitHubStub.StartAsync();
        using var connections = Connections(github.Server);

        var result = await Publisher(connections).ReportedAsync(Report(RunVerdict.Pass, "<!-- loadops:comment test=checkout -->\n" + new string('x', 70_000)), Token);

        var summary = Assert.Single(github.CheckRuns.Values)["output"]!["summary"]!.GetValue<string>();
        Assert.Equal(CheckRunPublisher.MaxSummaryBytes, System.Text.Encoding.UTF8.GetByteCount(summary));
        Assert.Contains("Report truncated", summary, StringComparison.Ordinal);
        Assert.Contains("truncated", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_value_in_the_report_is_masked_in_the_check_run_comment_and_status()
    {
        await using var github = await GitHubStub.StartAsync();
        using var connections = Connections(github.Server);

        await Publisher(connections, statuses: true).ReportedAsync(
            Report(RunVerdict.Fail, $"<!-- loadops:comment test=checkout -->\nserver said: Bearer {Secret}") with
            {
                Evaluation = new RunEvaluation { Verdict = RunVerdict.Fail, Headline = "echoed " + Secret },
            }, Token);

        Assert.Equal(4, github.Server.Requests.Count(r => r.Method is "POST" or "PATCH" && !r.Path.EndsWith("/access_tokens", StringComparison.Ordinal))); // create, complete, comment, status
        Assert.DoesNotContain(Secret, github.AllPostedText, StringComparison.Ordinal);
        Assert.Contains("Bearer ***", Assert.Single(github.Comments.Values), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validation_errors_post_one_validate_check_per_request_even_when_redelivered()
    {
        await using var github = await GitHubStub.StartAsync();
        using var connections = Connections(github.Server);
        var request = new RunRequest
        {
            RequestId = "delivery-9", Trigger = RunTrigger.PullRequest, Repository = "octo/shop", Commit = Sha, Branch = "x", PullRequest = 7,
        };
        List<DefinitionError> problems = [.. Enumerable.Range(1, 60).Select(i => new DefinitionError("loadtests/a.loadtest.yaml", i, 1, "LO010", "bad " + i, Severity.Error))];

        var first = await Publisher(connections).ValidationFailedAsync(request, problems, Token);
        var again = await Publisher(connections).ValidationFailedAsync(request, problems, Token);

        Assert.False(first.HasProblems, first.ToString());
        Assert.Contains("already posted", again.ToString(), StringComparison.Ordinal);
        var check = Assert.Single(github.CheckRuns.Values);
        Assert.Equal("loadops/validate", check["name"]!.GetValue<string>());
        Assert.Equal("failure", check["conclusion"]!.GetValue<string>());
        Assert.Equal(2, github.Server.Requests.Count(r => r.Path.EndsWith("/check-runs", StringComparison.Ordinal) && r.Method == "POST")
            + github.Server.Requests.Count(r => r.Method == "PATCH"));
    }

    [Fact]
    public async Task A_run_that_fails_after_dispatch_completes_its_check_run_as_failure_with_the_reason()
    {
        await using var github = await GitHubStub.StartAsync();
        using var connections = Connections(github.Server);
        var publisher = Publisher(connections);
        var failed = Run() with { StatusReason = $"No shard produced a result: s0: missing (token {Secret})" };

        var none = await publisher.FailedAsync(failed, Token);
        await publisher.DispatchedAsync(Run(), Token);
        var result = await publisher.FailedAsync(failed, Token);

        Assert.Contains("none to complete", none.ToString(), StringComparison.Ordinal);
        Assert.False(result.HasProblems, result.ToString());
        var check = Assert.Single(github.CheckRuns.Values);
        Assert.Equal("completed", check["status"]!.GetValue<string>());
        Assert.Equal("failure", check["conclusion"]!.GetValue<string>());
        var summary = check["output"]!["summary"]!.GetValue<string>();
        Assert.Contains("No shard produced a result", summary, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_without_a_github_repository_or_commit_post_nothing()
    {
        await using var github = await GitHubStub.StartAsync();
        using var connections = Connections(github.Server);
        var local = Report(RunVerdict.Pass) with { Run = Run() with { Repo = "local" } };
        var scheduled = Report(RunVerdict.Pass) with { Run = Run() with { Commit = "" } };

        var results = new[] { await Publisher(connections).ReportedAsync(local, Token), await Publisher(connections).ReportedAsync(scheduled, Token) };

        Assert.All(results, r => Assert.Empty(r.Done));
        Assert.Empty(github.Server.Requests);
    }
}
