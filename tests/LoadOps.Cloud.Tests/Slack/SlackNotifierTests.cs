using LoadOps.Cloud.Http;
using LoadOps.Cloud.Slack;
using LoadOps.Cloud.Tests.Stubs;
using LoadOps.Core.Definitions;
using LoadOps.Core.Evaluation;

namespace LoadOps.Cloud.Tests.Slack;

public sealed class SlackNotifierTests
{
    private const string SecretPath = "services/T0LOADOPS/B0SECRET/xoxSecretWebhookPart42";
    private const string Blocks = """{"blocks":[{"type":"section","text":{"type":"mrkdwn","text":"*checkout* regressed"}}]}""";
    private static readonly SlackNotifySpec Spec = new("SLACK_WEBHOOK_PERF", [NotifyEvent.Fail, NotifyEvent.Regression]);

    private static readonly SlackNotifierOptions Fast = new();

    /// <summary>The Slack pipeline with short back-off steps (3 retries, so 4 attempts in all).</summary>
    private static HttpClient Client() => OutboundHttp.CreateClient(OutboundHttp.Slack,
        OutboundHttp.Policies[OutboundHttp.Slack] with { BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) });

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Uri Webhook(StubServer stub) => new(stub.Address, SecretPath);

    private static void AssertNoSecret(SlackOutcome outcome, StubServer stub)
    {
        Assert.DoesNotContain("xoxSecretWebhookPart42", outcome.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("xoxSecretWebhookPart42", outcome.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Webhook(stub).ToString(), outcome.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posts_the_block_kit_json_to_the_webhook()
    {
        await using var stub = await StubServer.StartAsync((_, _) => new StubResponse(200, "ok"));
        using var http = Client();

        var outcome = await new SlackNotifier(http, Fast).NotifyAsync(Webhook(stub), Spec, NotifyEvent.Regression, Blocks, Token);

        Assert.Equal(SlackDelivery.Sent, outcome.Delivery);
        var request = Assert.Single(stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/" + SecretPath, request.Path);
        Assert.Equal(Blocks, request.BodyText);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        AssertNoSecret(outcome, stub);
    }

    [Theory]
    [InlineData(RunVerdict.Pass, false)]
    [InlineData(RunVerdict.Improvement, false)]
    [InlineData(RunVerdict.Inconclusive, false)]
    [InlineData(RunVerdict.Fail, true)]
    [InlineData(RunVerdict.Regression, true)]
    public async Task Only_the_events_in_notify_slack_on_are_sent(RunVerdict verdict, bool sent)
    {
        await using var stub = await StubServer.StartAsync((_, _) => new StubResponse(200, "ok"));
        using var http = Client();

        var outcome = await new SlackNotifier(http, Fast).NotifyAsync(Webhook(stub), Spec, SlackNotifier.EventFor(verdict), Blocks, Token);

        Assert.Equal(sent ? SlackDelivery.Sent : SlackDelivery.Skipped, outcome.Delivery);
        Assert.Equal(sent ? 1 : 0, stub.Requests.Count);
    }

    [Fact]
    public async Task Without_a_slack_section_nothing_is_sent()
    {
        using var http = Client();

        var outcome = await new SlackNotifier(http, Fast).NotifyAsync(new Uri("https://127.0.0.1:1/x"), null, NotifyEvent.Fail, Blocks, Token);

        Assert.Equal(SlackDelivery.Skipped, outcome.Delivery);
    }

    [Fact]
    public async Task A_429_waits_for_retry_after_then_succeeds()
    {
        await using var stub = await StubServer.StartAsync((_, n) => n == 1
            ? new StubResponse(429, "rate_limited", new Dictionary<string, string> { ["Retry-After"] = "1" })
            : new StubResponse(200, "ok"));
        using var http = Client();

        var outcome = await new SlackNotifier(http, Fast).NotifyAsync(Webhook(stub), Spec, NotifyEvent.Fail, Blocks, Token);

        Assert.Equal(SlackDelivery.Sent, outcome.Delivery);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task Repeated_server_errors_give_up_without_throwing()
    {
        await using var stub = await StubServer.StartAsync((_, _) => new StubResponse(500, $"internal error at /{SecretPath}"));
        using var http = Client();

        var outcome = await new SlackNotifier(http, Fast).NotifyAsync(Webhook(stub), Spec, NotifyEvent.Fail, Blocks, Token);

        Assert.Equal(SlackDelivery.Failed, outcome.Delivery);
        Assert.Equal(4, stub.Requests.Count);
        Assert.Equal(500, outcome.StatusCode);
        Assert.Contains("gave up after the retries", outcome.Message, StringComparison.Ordinal);
        AssertNoSecret(outcome, stub);
    }

    [Fact]
    public async Task An_invalid_webhook_is_reported_once_without_retry()
    {
        await using var stub = await StubServer.StartAsync((_, _) => new StubResponse(404, "no_service"));
        using var http = Client();

        var outcome = await new SlackNotifier(http, Fast).NotifyAsync(Webhook(stub), Spec, NotifyEvent.Fail, Blocks, Token);

        Assert.Equal(SlackDelivery.Failed, outcome.Delivery);
        Assert.Single(stub.Requests);
        Assert.Contains("no_service", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("create a new one", outcome.Message, StringComparison.Ordinal);
        AssertNoSecret(outcome, stub);
    }

    [Fact]
    public async Task A_retry_after_beyond_the_cap_gives_up_at_once()
    {
        await using var stub = await StubServer.StartAsync((_, _) => new StubResponse(429, "rate_limited", new Dictionary<string, string> { ["Retry-After"] = "3600" }));
        using var http = Client();

        var outcome = await new SlackNotifier(http, Fast).NotifyAsync(Webhook(stub), Spec, NotifyEvent.Fail, Blocks, Token);

        Assert.Equal(SlackDelivery.Failed, outcome.Delivery);
        Assert.Single(stub.Requests);
        Assert.Contains("longer than 30 s", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_slack_is_an_outcome_not_an_exception()
    {
        int port;
        await using (var closed = await StubServer.StartAsync((_, _) => new StubResponse(200, "ok")))
            port = closed.Address.Port;
        using var http = Client();
        var webhook = new Uri($"http://127.0.0.1:{port}/{SecretPath}");

        var outcome = await new SlackNotifier(http, Fast).NotifyAsync(webhook, Spec, NotifyEvent.Fail, Blocks, Token);

        Assert.Equal(SlackDelivery.Failed, outcome.Delivery);
        Assert.Contains("could not reach Slack", outcome.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("xoxSecretWebhookPart42", outcome.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_webhook_names_the_secret_not_its_value()
    {
        using var http = Client();

        var outcome = await new SlackNotifier(http, Fast).NotifyAsync(null, Spec, NotifyEvent.Fail, Blocks, Token);

        Assert.Equal(SlackDelivery.Failed, outcome.Delivery);
        Assert.Contains("SLACK_WEBHOOK_PERF", outcome.Message, StringComparison.Ordinal);
    }
}
