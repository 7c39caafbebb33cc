using System.Net;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Webhooks;

namespace LoadOps.Functions.Tests.Webhook;

/// <summary>Approvals and <c>/loadtest</c> commands through the endpoint, with GitHub's answers scripted.</summary>
public sealed class PullRequestCommandTests
{
    private const string Head = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpFunctionsHost> HostWith(RepositoryPermission mia, PullRequestHead? pull = null)
    {
        var host = await HttpFunctionsHost.StartAsync();
        host.Access.Permissions["maintainer-mia"] = mia;
        host.Access.PullRequests[42] = pull ?? new PullRequestHead(Head, "cache-products", "main", FromFork: true, IsOpen: true);
        return host;
    }

    [Theory]
    [InlineData(RepositoryPermission.Write)]
    [InlineData(RepositoryPermission.Maintain)]
    [InlineData(RepositoryPermission.Admin)]
    public async Task The_approval_label_by_a_user_with_write_access_starts_the_fork_at_the_labeled_commit(RepositoryPermission permission)
    {
        await using var host = await HostWith(permission);

        var response = await host.Client.SendAsync(SignedDelivery.Create("pull_request", Payload.Text("pull_request_labeled_fork.json")), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var request = Assert.Single(host.Sink.Sent);
        Assert.True(request.FromFork);
        Assert.Equal("maintainer-mia", request.ApprovedBy);
        Assert.Equal(Head, request.Commit);
        Assert.Equal("cache-products", request.Branch);
        Assert.Equal(42, request.PullRequest);
        Assert.Equal(PullRequestCommandRules.ApprovalRequestId("octo-org/shop", 42, Head), request.RequestId);
        Assert.Null(request.TestName);
        // The label payload carries the head: only the permission is asked.
        Assert.Equal(["permission octo-org/shop maintainer-mia"], host.Access.Asked);
    }

    [Theory]
    [InlineData(RepositoryPermission.None)]
    [InlineData(RepositoryPermission.Read)]
    [InlineData(RepositoryPermission.Triage)]
    public async Task The_approval_label_by_a_user_without_write_access_is_ignored_with_the_reason(RepositoryPermission permission)
    {
        await using var host = await HostWith(permission);

        var response = await host.Client.SendAsync(SignedDelivery.Create("pull_request", Payload.Text("pull_request_labeled_fork.json")), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("ignored", text, StringComparison.Ordinal);
        Assert.Contains("needs write access", text, StringComparison.Ordinal);
        Assert.Empty(host.Sink.Sent);
    }

    [Fact]
    public async Task A_label_and_a_comment_approving_the_same_commit_start_one_run()
    {
        await using var host = await HostWith(RepositoryPermission.Write);

        var label = await host.Client.SendAsync(SignedDelivery.Create("pull_request", Payload.Text("pull_request_labeled_fork.json"), "d-label"), Ct);
        var comment = await host.Client.SendAsync(SignedDelivery.Create("issue_comment", Payload.Text("issue_comment_approve.json"), "d-comment"), Ct);

        Assert.Equal(HttpStatusCode.Accepted, label.StatusCode);
        Assert.Equal(HttpStatusCode.OK, comment.StatusCode);
        Assert.Single(host.Sink.Sent);
    }

    [Fact]
    public async Task Approve_with_a_commit_that_is_no_longer_the_head_is_ignored()
    {
        await using var host = await HostWith(RepositoryPermission.Write, new PullRequestHead("ffff09b5b57875f334f61aebed695e2e4193db5e", "cache-products", "main", true, true));

        var response = await host.Client.SendAsync(SignedDelivery.Create("issue_comment", Payload.Text("issue_comment_approve.json")), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not 6dcb09b", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(host.Sink.Sent);
    }

    [Fact]
    public async Task A_run_comment_by_a_maintainer_reruns_the_named_test_at_the_head_fetched_from_GitHub()
    {
        await using var host = await HostWith(RepositoryPermission.Write, new PullRequestHead("abcdef0123456789abcdef0123456789abcdef01", "cache-products", "main", false, true));

        var response = await host.Client.SendAsync(SignedDelivery.Create("issue_comment", Payload.Text("issue_comment_run.json"), "d-run"), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var request = Assert.Single(host.Sink.Sent);
        Assert.Equal(RunTrigger.Comment, request.Trigger);
        Assert.Equal("d-run", request.RequestId);
        Assert.Equal("abcdef0123456789abcdef0123456789abcdef01", request.Commit);
        Assert.Equal("checkout", request.TestName);
        Assert.Equal("maintainer-mia", request.ApprovedBy);
        Assert.False(request.FromFork);
        Assert.Equal(["permission octo-org/shop maintainer-mia", "pull octo-org/shop 42"], host.Access.Asked);
    }

    [Fact]
    public async Task A_run_comment_by_a_reader_is_ignored_without_reading_the_pull_request()
    {
        await using var host = await HostWith(RepositoryPermission.Read);

        var response = await host.Client.SendAsync(SignedDelivery.Create("issue_comment", Payload.Text("issue_comment_run.json")), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("maintainer-mia has read access", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(host.Sink.Sent);
        Assert.Equal(["permission octo-org/shop maintainer-mia"], host.Access.Asked);
    }

    [Fact]
    public async Task The_same_run_comment_delivered_twice_starts_one_run()
    {
        await using var host = await HostWith(RepositoryPermission.Write);

        var first = await host.Client.SendAsync(SignedDelivery.Create("issue_comment", Payload.Text("issue_comment_run.json"), "d-same"), Ct);
        var again = await host.Client.SendAsync(SignedDelivery.Create("issue_comment", Payload.Text("issue_comment_run.json"), "d-same"), Ct);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Contains("duplicate", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Single(host.Sink.Sent);
    }

    [Fact]
    public async Task A_comment_on_an_issue_is_ignored_without_asking_GitHub()
    {
        await using var host = await HostWith(RepositoryPermission.Admin);

        var response = await host.Client.SendAsync(SignedDelivery.Create("issue_comment", Payload.Text("issue_comment_on_issue.json")), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(host.Sink.Sent);
        Assert.Empty(host.Access.Asked);
    }

    [Fact]
    public async Task When_GitHub_cannot_be_asked_the_delivery_gets_503_and_a_redelivery_later_works()
    {
        await using var host = await HostWith(RepositoryPermission.Write);
        host.Access.Down = true;

        var failed = await host.Client.SendAsync(SignedDelivery.Create("issue_comment", Payload.Text("issue_comment_run.json"), "d-retry"), Ct);
        host.Access.Down = false;
        var redelivered = await host.Client.SendAsync(SignedDelivery.Create("issue_comment", Payload.Text("issue_comment_run.json"), "d-retry"), Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Contains("could not be checked", await failed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, redelivered.StatusCode);
        Assert.Single(host.Sink.Sent);
    }

    [Fact]
    public async Task Without_GitHub_credentials_a_command_is_refused_saying_what_to_set()
    {
        await using var host = await HttpFunctionsHost.StartAsync(HttpFunctionsHost.Secret, fakeGitHub: false);

        var response = await host.Client.SendAsync(SignedDelivery.Create("issue_comment", Payload.Text("issue_comment_run.json")), Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("LoadOps:GitHub:Token", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(host.Sink.Sent);
    }

    [Fact]
    public async Task An_opened_fork_pull_request_is_queued_as_a_fork_without_approval()
    {
        await using var host = await HostWith(RepositoryPermission.Write);

        var response = await host.Client.SendAsync(SignedDelivery.Create("pull_request", Payload.Text("pull_request_fork.json")), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var request = Assert.Single(host.Sink.Sent);
        Assert.True(request.FromFork);
        Assert.Null(request.ApprovedBy);
        Assert.Empty(host.Access.Asked);
    }
}
