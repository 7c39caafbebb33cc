using LoadOps.Cloud.Publish;
using LoadOps.Cloud.Tests.Stubs;
using LoadOps.Core.Evaluation;
using static LoadOps.Cloud.Tests.Publish.PublishFixture;

namespace LoadOps.Cloud.Tests.Publish;

/// <summary>Only GitHub Apps may write check runs: with a personal access token LoadOps says so and does not try.</summary>
public sealed class TokenModePublishTests
{
    [Fact]
    public async Task Regression_a_token_posts_the_comment_and_status_but_never_calls_the_check_runs_api()
    {
        await using var github = await GitHubStub.StartAsync();
        // What GitHub answers a token that tries to create a check run.
        github.Fault = r => r.Path.Contains("check-runs", StringComparison.Ordinal)
            ? new StubResponse(403, """{"message":"You must authenticate via a GitHub App."}""") : null;
        using var connections = Connections(github.Server, asApp: false);
        var publisher = Publisher(connections, statuses: true);

        var dispatched = await publisher.DispatchedAsync(Run(), Token);
        var reported = await publisher.ReportedAsync(Report(RunVerdict.Pass), Token);
        var failed = await publisher.FailedAsync(Run(), Token);

        Assert.DoesNotContain(github.Server.Requests, r => r.Path.Contains("check-runs", StringComparison.Ordinal));
        Assert.False(reported.HasProblems, reported.ToString());
        Assert.False(dispatched.HasProblems, dispatched.ToString());
        Assert.False(failed.HasProblems, failed.ToString());
        Assert.Contains("need the GitHub App", reported.ToString(), StringComparison.Ordinal);
        Assert.Single(github.Comments);
        Assert.Single(github.Statuses);
    }

    [Fact]
    public async Task The_start_line_says_a_token_gets_no_check_runs()
    {
        await using var stub = await StubServer.StartAsync((_, _) => StubResponse.Json("{}"));
        using var token = Connections(stub, asApp: false);
        using var app = Connections(stub);

        var tokenLine = RunPublisherFactory.Describe(token, new PublishOptions());
        var appLine = RunPublisherFactory.Describe(app, new PublishOptions());

        Assert.Contains(GitHubRunPublisher.CheckRunsNeedTheApp, tokenLine, StringComparison.Ordinal);
        Assert.DoesNotContain("need the GitHub App", appLine, StringComparison.Ordinal);
        Assert.Contains("check runs", appLine, StringComparison.Ordinal);
    }
}
