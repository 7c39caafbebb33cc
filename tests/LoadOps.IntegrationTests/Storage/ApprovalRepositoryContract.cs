using LoadOps.Core.Pipeline;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>
/// What every <see cref="IApprovalRepository"/> must do, run against each implementation: Azure Tables on Azurite
/// (<see cref="ApprovalStoreContractTests"/>) and memory (<see cref="InMemoryApprovalsContractTests"/>).
/// </summary>
public abstract class ApprovalRepositoryContract
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A repository with no approvals in it.</summary>
    protected abstract Task<IApprovalRepository> NewStoreAsync();

    private static RunRequest ForkRequest(string repository = "octo/shop", int pullRequest = 42, string commit = "0123456789abcdef") => new()
    {
        RequestId = $"delivery-{commit}",
        Trigger = RunTrigger.PullRequest,
        Repository = repository,
        Commit = commit,
        Branch = "contributor/fix",
        BaseBranch = "main",
        PullRequest = pullRequest,
        FromFork = true,
        InstallationId = 1234,
        Sender = "contributor",
        ChangedPaths = ["src/Checkout.cs", "loadtests/checkout.loadtest.yaml"],
        TestName = "checkout",
    };

    private static void AssertSameRequest(RunRequest expected, RunRequest actual)
    {
        Assert.Equal(
            (expected.RequestId, expected.Trigger, expected.Repository, expected.Commit, expected.Branch, expected.BaseBranch, expected.PullRequest),
            (actual.RequestId, actual.Trigger, actual.Repository, actual.Commit, actual.Branch, actual.BaseBranch, actual.PullRequest));
        Assert.Equal((expected.FromFork, expected.InstallationId, expected.Sender, expected.TestName, expected.ApprovedBy),
            (actual.FromFork, actual.InstallationId, actual.Sender, actual.TestName, actual.ApprovedBy));
        Assert.Equal(expected.ChangedPaths, actual.ChangedPaths);
    }

    [Fact]
    public async Task A_pull_request_with_no_approval_stored_is_null()
    {
        var store = await NewStoreAsync();
        Assert.Null(await store.GetAsync("octo/shop", 42, Ct));

        await store.PutAsync(new PendingApproval(ForkRequest(), null, null), Ct);

        Assert.Null(await store.GetAsync("octo/shop", 43, Ct));
        Assert.Null(await store.GetAsync("octo/other", 42, Ct));
    }

    [Fact]
    public async Task Put_then_get_round_trips_the_held_request_approver_and_via()
    {
        var store = await NewStoreAsync();
        var waiting = ForkRequest();
        var approved = ForkRequest(pullRequest: 7, commit: "fedcba9876543210");
        await store.PutAsync(new PendingApproval(waiting, null, null), Ct);
        await store.PutAsync(new PendingApproval(approved, "maintainer", "comment-991"), Ct);

        var pending = await store.GetAsync("octo/shop", 42, Ct);
        Assert.NotNull(pending);
        AssertSameRequest(waiting, pending.Request);
        Assert.Equal((null, null, false), (pending.ApprovedBy, pending.ApprovedVia, pending.IsApproved));

        var done = await store.GetAsync("octo/shop", 7, Ct);
        Assert.NotNull(done);
        AssertSameRequest(approved, done.Request);
        Assert.Equal(("maintainer", "comment-991", true), (done.ApprovedBy, done.ApprovedVia, done.IsApproved));
        Assert.Equal("fedcba9876543210", done.Commit);
    }

    [Fact]
    public async Task A_second_put_replaces_the_first()
    {
        var store = await NewStoreAsync();
        await store.PutAsync(new PendingApproval(ForkRequest(), "maintainer", "label-1"), Ct);
        var newer = ForkRequest(commit: "fedcba9876543210") with { ChangedPaths = ["README.md"] };

        await store.PutAsync(new PendingApproval(newer, null, null), Ct);

        var stored = await store.GetAsync("octo/shop", 42, Ct);
        Assert.NotNull(stored);
        AssertSameRequest(newer, stored.Request);
        Assert.Equal((null, null), (stored.ApprovedBy, stored.ApprovedVia));
    }

    [Fact]
    public async Task Repository_names_differing_only_in_case_are_the_same_row()
    {
        var store = await NewStoreAsync();
        await store.PutAsync(new PendingApproval(ForkRequest("Octo/Shop"), null, null), Ct);

        var found = await store.GetAsync("octo/SHOP", 42, Ct);
        Assert.NotNull(found);
        Assert.Equal("Octo/Shop", found.Request.Repository);

        await store.PutAsync(new PendingApproval(ForkRequest("octo/shop"), "maintainer", "comment-5"), Ct);
        var replaced = await store.GetAsync("Octo/Shop", 42, Ct);
        Assert.NotNull(replaced);
        Assert.Equal(("octo/shop", "maintainer"), (replaced.Request.Repository, replaced.ApprovedBy));
    }

    [Fact]
    public async Task Only_a_pull_request_can_wait_for_approval()
    {
        var store = await NewStoreAsync();
        var push = ForkRequest() with { Trigger = RunTrigger.Push, PullRequest = null, FromFork = false };

        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(new PendingApproval(push, null, null), Ct));
    }
}
