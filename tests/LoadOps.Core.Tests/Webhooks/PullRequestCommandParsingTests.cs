using System.Text;
using System.Text.Json.Nodes;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Webhooks;

namespace LoadOps.Core.Tests.Webhooks;

public sealed class PullRequestCommandParsingTests
{
    private static JsonObject Comment(string body, string action = "created", bool onPullRequest = true, string senderType = "User")
    {
        var issue = new JsonObject { ["number"] = 42, ["state"] = "open" };
        if (onPullRequest)
            issue["pull_request"] = new JsonObject { ["url"] = "https://api.github.com/repos/octo-org/shop/pulls/42" };
        return new JsonObject
        {
            ["action"] = action,
            ["issue"] = issue,
            ["comment"] = new JsonObject { ["body"] = body, ["author_association"] = "OWNER" },
            ["repository"] = new JsonObject { ["full_name"] = "octo-org/shop" },
            ["sender"] = new JsonObject { ["login"] = "mia", ["type"] = senderType },
            ["installation"] = new JsonObject { ["id"] = 7 },
        };
    }

    private static JsonObject Labeled(string label, string head = "stranger/shop") => new()
    {
        ["action"] = "labeled",
        ["number"] = 42,
        ["label"] = new JsonObject { ["name"] = label },
        ["pull_request"] = new JsonObject
        {
            ["state"] = "open",
            ["head"] = new JsonObject { ["ref"] = "feature", ["sha"] = "abc1234", ["repo"] = new JsonObject { ["full_name"] = head } },
            ["base"] = new JsonObject { ["ref"] = "main", ["repo"] = new JsonObject { ["full_name"] = "octo-org/shop" } },
        },
        ["repository"] = new JsonObject { ["full_name"] = "octo-org/shop" },
        ["sender"] = new JsonObject { ["login"] = "mia" },
    };

    private static WebhookDecision Parse(string eventName, JsonNode payload) =>
        GitHubEventParser.Parse(eventName, "d-9", Encoding.UTF8.GetBytes(payload.ToJsonString()));

    private static PullRequestCommand CommandOf(WebhookDecision decision) => Assert.IsType<WebhookDecision.Command>(decision).Value;

    [Theory]
    [InlineData("/loadtest run", null)]
    [InlineData("/loadtest run checkout", "checkout")]
    [InlineData("Thanks!\r\n  /loadtest   run   search-v2  \r\nbye", "search-v2")]
    public void A_run_comment_on_a_pull_request_is_a_run_command(string body, string? test)
    {
        var command = CommandOf(Parse("issue_comment", Comment(body)));
        Assert.Equal(PullRequestCommandKind.Run, command.Kind);
        Assert.Equal(RunTrigger.Comment, command.Trigger);
        Assert.Equal(test, command.TestName);
        Assert.Equal(42, command.PullRequest);
        Assert.Equal("octo-org/shop", command.Repository);
        Assert.Equal("mia", command.Sender);
        Assert.Equal(7, command.InstallationId);
        Assert.Null(command.Head); // an issue comment does not carry the head commit
    }

    [Theory]
    [InlineData("/loadtest approve", null)]
    [InlineData("/loadtest approve 6DCB09B", "6dcb09b")]
    public void An_approve_comment_is_an_approval(string body, string? prefix)
    {
        var command = CommandOf(Parse("issue_comment", Comment(body)));
        Assert.Equal(PullRequestCommandKind.Approve, command.Kind);
        Assert.Equal(prefix, command.CommitPrefix);
    }

    [Theory]
    [InlineData("LGTM", "no /loadtest command")]
    [InlineData("/loadtest", "not a LoadOps command")]
    [InlineData("/loadtest deploy", "unknown command 'deploy'")]
    [InlineData("/loadtest run Checkout", "not a test name")]
    [InlineData("/loadtest run ../x", "not a test name")]
    [InlineData("/loadtest run a b", "not a LoadOps command")]
    [InlineData("/loadtest approve main", "not a commit SHA")]
    [InlineData("/loadtest accept Checkout", "not a test name")]
    [InlineData("/loadtestrun", "not a LoadOps command")]
    [InlineData("please /loadtest run", "no /loadtest command")]
    public void Comments_without_a_valid_command_are_ignored_saying_why(string body, string reason) =>
        Assert.Contains(reason, Assert.IsType<WebhookDecision.Ignore>(Parse("issue_comment", Comment(body))).Reason, StringComparison.Ordinal);

    [Fact]
    public void An_edited_comment_is_ignored() =>
        Assert.IsType<WebhookDecision.Ignore>(Parse("issue_comment", Comment("/loadtest run", action: "edited")));

    [Fact]
    public void A_comment_on_an_issue_is_ignored() =>
        Assert.Contains("not on a pull request", Assert.IsType<WebhookDecision.Ignore>(Parse("issue_comment", Comment("/loadtest run", onPullRequest: false))).Reason, StringComparison.Ordinal);

    [Fact]
    public void A_bot_comment_is_ignored() =>
        Assert.IsType<WebhookDecision.Ignore>(Parse("issue_comment", Comment("/loadtest run", senderType: "Bot")));

    [Fact]
    public void A_comment_without_a_sender_is_rejected()
    {
        var payload = Comment("/loadtest run");
        payload.Remove("sender");
        Assert.Contains("sender.login", Assert.IsType<WebhookDecision.Reject>(Parse("issue_comment", payload)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_approval_label_is_an_approval_carrying_the_labeled_head()
    {
        var command = CommandOf(Parse("pull_request", Labeled("loadops:approved")));
        Assert.Equal(PullRequestCommandKind.Approve, command.Kind);
        Assert.Equal(new PullRequestHead("abc1234", "feature", "main", FromFork: true, IsOpen: true), command.Head);
        Assert.Equal("mia", command.Sender);
    }

    [Theory]
    [InlineData("/loadtest accept", null)]
    [InlineData("Intended slowdown.\n/loadtest accept checkout", "checkout")]
    public void An_accept_comment_is_an_acceptance_of_the_named_test(string body, string? test)
    {
        var command = CommandOf(Parse("issue_comment", Comment(body)));
        Assert.Equal(PullRequestCommandKind.Accept, command.Kind);
        Assert.Equal(test, command.TestName);
        Assert.Null(command.CommitPrefix);
    }

    [Fact]
    public void The_accept_label_is_an_acceptance_carrying_the_labeled_head()
    {
        var command = CommandOf(Parse("pull_request", Labeled(PullRequestCommandRules.AcceptLabel, head: "octo-org/shop")));
        Assert.Equal(PullRequestCommandKind.Accept, command.Kind);
        Assert.Equal("abc1234", command.Head?.Commit);
    }

    [Fact]
    public void An_accept_by_a_writer_on_a_merged_pull_request_accepts_its_head_commit()
    {
        var command = CommandOf(Parse("issue_comment", Comment("/loadtest accept checkout")));
        var head = new PullRequestHead("abc1234", "feature", "main", FromFork: false, IsOpen: false);

        var accept = Assert.IsType<WebhookDecision.Accept>(PullRequestCommandRules.Decide(command, RepositoryPermission.Write, head)).Request;
        var refused = Assert.IsType<WebhookDecision.Ignore>(PullRequestCommandRules.Decide(command, RepositoryPermission.Triage, head));

        Assert.Equal(("abc1234", "checkout", "mia", 42), (accept.Commit, accept.TestName, accept.AcceptedBy, accept.PullRequest));
        Assert.Contains("needs write access", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_label_is_ignored() =>
        Assert.IsType<WebhookDecision.Ignore>(Parse("pull_request", Labeled("bug")));

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(3_000_000_000)]
    public void A_pull_request_number_out_of_range_is_rejected(long number)
    {
        var payload = Comment("/loadtest run");
        payload["issue"]!["number"] = number;
        Assert.IsType<WebhookDecision.Reject>(Parse("issue_comment", payload));
    }

    [Fact]
    public void A_payload_with_invalid_utf8_is_rejected()
    {
        var bytes = Encoding.UTF8.GetBytes(Comment("/loadtest run X").ToJsonString());
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xFF;
        Assert.Contains("UTF-8", Assert.IsType<WebhookDecision.Reject>(GitHubEventParser.Parse("issue_comment", "d", bytes)).Reason, StringComparison.Ordinal);
    }
}
