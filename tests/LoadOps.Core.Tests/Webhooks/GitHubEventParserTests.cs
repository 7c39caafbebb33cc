using System.Text;
using System.Text.Json.Nodes;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Webhooks;

namespace LoadOps.Core.Tests.Webhooks;

public sealed class GitHubEventParserTests
{
    private static JsonObject PullRequest(string action = "opened", string head = "octo-org/shop", bool draft = false) => new()
    {
        ["action"] = action,
        ["number"] = 42,
        ["pull_request"] = new JsonObject
        {
            ["draft"] = draft,
            ["head"] = new JsonObject { ["ref"] = "feature", ["sha"] = "abc123", ["repo"] = new JsonObject { ["full_name"] = head } },
            ["base"] = new JsonObject { ["ref"] = "main", ["repo"] = new JsonObject { ["full_name"] = "octo-org/shop" } },
        },
        ["installation"] = new JsonObject { ["id"] = 99 },
    };

    private static WebhookDecision Parse(string eventName, JsonNode payload, string? delivery = "d-1") =>
        GitHubEventParser.Parse(eventName, delivery, Encoding.UTF8.GetBytes(payload.ToJsonString()));

    [Fact]
    public void An_opened_pull_request_starts_a_run_on_its_head_commit()
    {
        var start = Assert.IsType<WebhookDecision.Start>(Parse("pull_request", PullRequest()));
        Assert.Equal(RunTrigger.PullRequest, start.Request.Trigger);
        Assert.Equal(42, start.Request.PullRequest);
        Assert.Equal("abc123", start.Request.Commit);
        Assert.Equal("feature", start.Request.Branch);
        Assert.Equal("main", start.Request.BaseBranch);
        Assert.Equal(99, start.Request.InstallationId);
        Assert.False(start.Request.FromFork);
    }

    [Fact]
    public void A_pull_request_from_another_repository_is_marked_as_a_fork()
    {
        var start = Assert.IsType<WebhookDecision.Start>(Parse("pull_request", PullRequest(head: "stranger/shop")));
        Assert.True(start.Request.FromFork);
    }

    [Fact]
    public void A_pull_request_whose_head_repository_is_gone_counts_as_a_fork()
    {
        var payload = PullRequest();
        payload["pull_request"]!["head"]!["repo"] = null;
        Assert.True(Assert.IsType<WebhookDecision.Start>(Parse("pull_request", payload)).Request.FromFork);
    }

    [Theory]
    [InlineData("closed")]
    [InlineData("labeled")]
    [InlineData("edited")]
    public void Other_pull_request_actions_are_ignored(string action) =>
        Assert.IsType<WebhookDecision.Ignore>(Parse("pull_request", PullRequest(action)));

    [Fact]
    public void A_draft_waits_until_it_is_ready() =>
        Assert.Contains("draft", Assert.IsType<WebhookDecision.Ignore>(Parse("pull_request", PullRequest(draft: true))).Reason, StringComparison.Ordinal);

    [Fact]
    public void A_tag_push_is_ignored() =>
        Assert.IsType<WebhookDecision.Ignore>(Parse("push", new JsonObject { ["ref"] = "refs/tags/v1.0", ["after"] = "abc" }));

    [Fact]
    public void A_branch_deletion_is_ignored() =>
        Assert.IsType<WebhookDecision.Ignore>(Parse("push", new JsonObject
        {
            ["ref"] = "refs/heads/old", ["after"] = "0000000", ["deleted"] = true,
            ["repository"] = new JsonObject { ["full_name"] = "o/r" },
        }));

    [Fact]
    public void A_payload_without_a_required_field_is_rejected_naming_it()
    {
        var payload = PullRequest();
        payload["pull_request"]!["head"]!.AsObject().Remove("sha");
        var reject = Assert.IsType<WebhookDecision.Reject>(Parse("pull_request", payload));
        Assert.Contains("pull_request.head.sha", reject.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_delivery_id_is_rejected() =>
        Assert.IsType<WebhookDecision.Reject>(Parse("pull_request", PullRequest(), delivery: null));

    [Theory]
    [InlineData("")]
    [InlineData("payload=%7B%7D")]
    [InlineData("[1,2,")]
    public void A_body_that_is_not_json_is_rejected(string body) =>
        Assert.IsType<WebhookDecision.Reject>(GitHubEventParser.Parse("push", "d-1", Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void Wrong_types_in_the_payload_are_rejected_not_thrown() =>
        Assert.IsType<WebhookDecision.Reject>(Parse("pull_request", new JsonObject { ["action"] = "opened", ["number"] = "forty-two" }));

    [Fact]
    public void Other_events_are_ignored() =>
        Assert.IsType<WebhookDecision.Ignore>(Parse("star", new JsonObject { ["action"] = "created" }));
}
