using LoadOps.Cloud.Publish;
using LoadOps.Cloud.Slack;
using LoadOps.Cloud.Tests.Api;
using LoadOps.Cloud.Tests.Stubs;
using LoadOps.Core.Evaluation;
using static LoadOps.Cloud.Tests.Publish.PublishFixture;

namespace LoadOps.Cloud.Tests.Publish;

/// <summary>
/// Regression (issue 14): a redelivered report message posted the run's Slack report a second time. The log here keeps
/// ids in memory with the insert-if-absent rule of the <c>deliveries</c> table (DeliveryStoreTests pins that rule on
/// Azurite); what is tested is that the publisher claims before it posts and gives the claim back when the post failed.
/// </summary>
public sealed class SlackOncePerRunTests
{
    [Fact]
    public async Task A_redelivered_report_posts_to_slack_once()
    {
        await using var slack = await StubServer.StartAsync((_, _) => new StubResponse(200, "ok"));
        var url = new Uri(slack.Address, "hook").ToString();
        var posted = new MemoryDeliveryLog();
        var publisher = new SlackRunPublisher(new SlackNotifier(new HttpClient()), _ => url, SecretScrubber.None, posted);
        var report = Report(RunVerdict.Fail, slackOn: "fail");

        var first = await publisher.ReportedAsync(report, Token);
        var again = await publisher.ReportedAsync(report, Token);
        var otherRun = await publisher.ReportedAsync(report with { Run = report.Run with { RunId = "checkout-ffffffffffff" } }, Token);

        Assert.Equal(["Slack"], first.Done);
        Assert.Empty(again.Done);
        Assert.Empty(again.Problems);
        Assert.Equal(["Slack"], otherRun.Done);
        Assert.Equal(2, slack.Requests.Count);
        Assert.Contains(SlackRunPublisher.DeliveryKey(report.Run.RunId), posted.Ids);
    }

    [Fact]
    public async Task A_failed_post_is_tried_again_on_the_next_delivery()
    {
        var answer = 404;
        await using var slack = await StubServer.StartAsync((_, _) => new StubResponse(answer, answer == 200 ? "ok" : "no_service"));
        var url = new Uri(slack.Address, "hook").ToString();
        var publisher = new SlackRunPublisher(new SlackNotifier(new HttpClient()), _ => url, SecretScrubber.None, new MemoryDeliveryLog());
        var report = Report(RunVerdict.Fail, slackOn: "fail");

        var failed = await publisher.ReportedAsync(report, Token);
        answer = 200;
        var retried = await publisher.ReportedAsync(report, Token);

        Assert.Single(failed.Problems);
        Assert.Equal(["Slack"], retried.Done);
        Assert.Equal(2, slack.Requests.Count);
    }
}
