using LoadOps.Cloud.Http;
using LoadOps.Cloud.Publish;
using LoadOps.Cloud.Slack;
using LoadOps.Cloud.Tests.Stubs;
using LoadOps.Core.Evaluation;
using static LoadOps.Cloud.Tests.Publish.PublishFixture;

namespace LoadOps.Cloud.Tests.Publish;

/// <summary>GitHub or Slack failing: publishing returns a clear reason per step, never throws, and goes on with the next step.</summary>
public sealed class PublishFailureTests
{
    [Theory]
    [InlineData(401, "Bad credentials", "(401)", "check LoadOps:GitHub")]
    [InlineData(404, "Not Found", "(404)", "is it installed there")]
    [InlineData(422, "Validation Failed", "(422)", "refused")]
    [InlineData(500, "Server Error", "(500)", "still failing after 2 attempts")]
    public async Task A_github_error_becomes_a_reason_and_the_comment_is_still_tried(int status, string message, string expectedStatus, string expectedHint)
    {
        await using var github = await GitHubStub.StartAsync();
        github.Fault = r => r.Path.Contains("check-runs", StringComparison.Ordinal)
            ? StubResponse.Json($$"""{"message":"{{message}}"}""", status)
            : null;
        using var connections = Connections(github.Server, maxAttempts: 2);

        var result = await Publisher(connections).ReportedAsync(Report(RunVerdict.Pass), Token);

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("loadops/checkout: ", problem, StringComparison.Ordinal);
        Assert.Contains(expectedStatus, problem, StringComparison.Ordinal);
        Assert.Contains(message, problem, StringComparison.Ordinal);
        Assert.Contains(expectedHint, problem, StringComparison.Ordinal);
        Assert.Single(github.Comments);
        Assert.Contains("comment", string.Join(" ", result.Done), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_limit_with_retry_after_is_waited_for_and_then_succeeds()
    {
        await using var github = await GitHubStub.StartAsync();
        var limited = 0;
        github.Fault = r => r.Method == "POST" && r.Path.EndsWith("/check-runs", StringComparison.Ordinal) && Interlocked.Increment(ref limited) == 1
            ? new StubResponse(429, """{"message":"API rate limit exceeded"}""", new Dictionary<string, string> { ["Retry-After"] = "1" })
            : null;
        using var connections = Connections(github.Server);

        var result = await Publisher(connections).DispatchedAsync(Run(), Token);

        Assert.False(result.HasProblems, result.ToString());
        Assert.Equal(2, limited);
        Assert.Single(github.CheckRuns);
    }

    [Fact]
    public async Task A_rate_limit_longer_than_the_wait_cap_fails_with_how_long_github_asked()
    {
        await using var github = await GitHubStub.StartAsync();
        github.Fault = r => r.Method == "POST" ? new StubResponse(429, """{"message":"API rate limit exceeded"}""", new Dictionary<string, string> { ["Retry-After"] = "3600" }) : null;
        using var connections = Connections(github.Server);

        var result = await Publisher(connections).DispatchedAsync(Run(), Token);

        var problem = Assert.Single(result.Problems);
        Assert.Contains("(429)", problem, StringComparison.Ordinal);
        Assert.Contains("3600 s", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_github_that_does_not_answer_in_time_fails_the_step_with_a_timeout_reason()
    {
        await using var github = await GitHubStub.StartAsync();
        github.Fault = r =>
        {
            if (r.Method != "GET")
                return null;
            Thread.Sleep(TimeSpan.FromSeconds(2));
            return StubResponse.Json("{}");
        };
        using var connections = Connections(github.Server, maxAttempts: 1, timeoutSeconds: 0.5);

        var result = await Publisher(connections).DispatchedAsync(Run(), Token);

        var problem = Assert.Single(result.Problems);
        Assert.Contains("no answer within 0.5 s", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slack_down_is_a_reason_not_an_exception_and_the_webhook_url_is_not_in_it()
    {
        await using var slack = await StubServer.StartAsync((_, _) => StubResponse.Json("no_service", 503));
        var url = new Uri(slack.Address, "services/T000/B000/" + Secret).ToString();
        var publisher = new SlackRunPublisher(
            new SlackNotifier(OutboundHttp.CreateClient(OutboundHttp.Slack,
                OutboundHttp.Policies[OutboundHttp.Slack] with { MaxRetries = 1, BaseDelay = TimeSpan.FromMilliseconds(10) })),
            name => name == "SLACK_PERF" ? url : null, new SecretScrubber([url]));

        var result = await publisher.ReportedAsync(Report(RunVerdict.Fail, slackOn: "fail"), Token);

        var problem = Assert.Single(result.Problems);
        Assert.Contains("503", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, problem, StringComparison.Ordinal);
        Assert.Equal(2, slack.Requests.Count);
    }

    [Fact]
    public async Task Slack_posts_only_for_the_listed_events_and_masks_secrets_in_the_message()
    {
        await using var slack = await StubServer.StartAsync((_, _) => new StubResponse(200, "ok"));
        var url = new Uri(slack.Address, "hook").ToString();
        var publisher = new SlackRunPublisher(new SlackNotifier(new HttpClient()), name => name == "SLACK_PERF" ? url : null, new SecretScrubber([Secret]));
        var failing = Report(RunVerdict.Fail, slackOn: "fail") with { SlackJson = $$"""{"text":"token {{Secret}}"}""" };

        var sent = await publisher.ReportedAsync(failing, Token);
        var passing = await publisher.ReportedAsync(Report(RunVerdict.Pass, slackOn: "fail"), Token);
        var noNotify = await publisher.ReportedAsync(Report(RunVerdict.Fail), Token);

        Assert.Equal(["Slack"], sent.Done);
        Assert.Empty(passing.Done);
        Assert.Empty(noNotify.Done);
        var body = Assert.Single(slack.Requests).BodyText;
        Assert.Contains("token ***", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_slack_secret_is_a_reason_naming_the_secret()
    {
        var publisher = new SlackRunPublisher(new SlackNotifier(new HttpClient()), _ => null, SecretScrubber.None);

        var result = await publisher.ReportedAsync(Report(RunVerdict.Fail, slackOn: "fail"), Token);

        Assert.Contains("SLACK_PERF", Assert.Single(result.Problems), StringComparison.Ordinal);
    }
}
