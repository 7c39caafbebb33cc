using LoadOps.Core.Pipeline;
using LoadOps.Core.Webhooks;

namespace LoadOps.Core.Tests.Webhooks;

public sealed class PullRequestCommandRulesTests
{
    private static readonly PullRequestHead ForkHead = new("6dcb09b5b57875f334f61aebed695e2e4193db5e", "feature", "main", FromFork: true, IsOpen: true);

    private static PullRequestCommand Command(PullRequestCommandKind kind, string? test = null, string? prefix = null) => new()
    {
        DeliveryId = "d-1",
        Kind = kind,
        Trigger = RunTrigger.Comment,
        Repository = "octo-org/shop",
        PullRequest = 42,
        Sender = "mia",
        Source = "/loadtest",
        TestName = test,
        CommitPrefix = prefix,
    };

    [Theory]
    [InlineData(RepositoryPermission.None)]
    [InlineData(RepositoryPermission.Read)]
    [InlineData(RepositoryPermission.Triage)]
    public void Without_write_access_nothing_starts(RepositoryPermission permission) =>
        Assert.Contains("needs write access", Assert.IsType<WebhookDecision.Ignore>(
            PullRequestCommandRules.Decide(Command(PullRequestCommandKind.Run), permission, ForkHead)).Reason, StringComparison.Ordinal);

    [Fact]
    public void An_approval_starts_the_fork_at_its_head_with_one_request_id_per_commit()
    {
        var first = Assert.IsType<WebhookDecision.Start>(PullRequestCommandRules.Decide(Command(PullRequestCommandKind.Approve), RepositoryPermission.Write, ForkHead));
        var second = Assert.IsType<WebhookDecision.Start>(PullRequestCommandRules.Decide(Command(PullRequestCommandKind.Approve) with { DeliveryId = "d-2" }, RepositoryPermission.Admin, ForkHead));
        Assert.Equal(first.Request.RequestId, second.Request.RequestId);
        Assert.Equal(ForkHead.Commit, first.Request.Commit);
        Assert.True(first.Request.FromFork);
        Assert.Equal("mia", first.Request.ApprovedBy);
    }

    [Fact]
    public void Each_run_command_is_a_new_request()
    {
        var start = Assert.IsType<WebhookDecision.Start>(PullRequestCommandRules.Decide(Command(PullRequestCommandKind.Run, "checkout"), RepositoryPermission.Write, ForkHead));
        Assert.Equal("d-1", start.Request.RequestId);
        Assert.Equal("checkout", start.Request.TestName);
    }

    [Fact]
    public void Approving_a_pull_request_that_is_not_from_a_fork_is_ignored() =>
        Assert.Contains("not from a fork", Assert.IsType<WebhookDecision.Ignore>(PullRequestCommandRules.Decide(
            Command(PullRequestCommandKind.Approve), RepositoryPermission.Write, ForkHead with { FromFork = false })).Reason, StringComparison.Ordinal);

    [Theory]
    [InlineData("6dcb09b", true)]
    [InlineData("6DCB09B5B5", true)]
    [InlineData("aaaaaaa", false)]
    public void Approve_with_a_sha_approves_only_that_head(string prefix, bool starts)
    {
        var decision = PullRequestCommandRules.Decide(Command(PullRequestCommandKind.Approve, prefix: prefix), RepositoryPermission.Write, ForkHead);
        Assert.Equal(starts, decision is WebhookDecision.Start);
    }

    [Fact]
    public void A_closed_or_missing_pull_request_starts_nothing()
    {
        Assert.IsType<WebhookDecision.Ignore>(PullRequestCommandRules.Decide(Command(PullRequestCommandKind.Run), RepositoryPermission.Admin, ForkHead with { IsOpen = false }));
        Assert.IsType<WebhookDecision.Ignore>(PullRequestCommandRules.Decide(Command(PullRequestCommandKind.Run), RepositoryPermission.Admin, null));
    }
}
