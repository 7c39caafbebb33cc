using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>
/// What every <see cref="IBaselineRepository"/> must do, run against each implementation: Azure Tables on Azurite
/// (<see cref="BaselineStoreContractTests"/>) and memory (<see cref="InMemoryBaselinesContractTests"/>).
/// </summary>
public abstract class BaselineRepositoryContract
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 3, 0, 0, TimeSpan.Zero);

    /// <summary>A repository with no baselines in it.</summary>
    protected abstract Task<IBaselineRepository> NewStoreAsync();

    private static BaselineEntry Entry(string test, string branch, int day, bool trustworthy = true) => new()
    {
        TestName = test,
        Branch = branch,
        RunId = $"run-{day:00}",
        Commit = $"c{day}",
        RunAt = Start.AddDays(day),
        Trustworthy = trustworthy,
        Metrics = new Dictionary<string, double> { ["p95"] = 200 + day, ["errors"] = 0.001 },
        ResultBlobName = $"runs/run-{day:00}/result.json",
    };

    [Theory]
    [InlineData("checkout", "main")]
    [InlineData("check out", "feature/a#b?c\\d")]
    [InlineData("naïve-测试", "release/2026~11|%27'x")]
    public async Task Recent_entries_come_newest_first_for_any_test_and_branch_name(string test, string branch)
    {
        var store = await NewStoreAsync();
        foreach (var day in new[] { 3, 1, 4, 2, 5 })
            await store.AddAsync(Entry(test, branch, day), Ct);
        await store.AddAsync(Entry(test, branch + "-other", 9), Ct);

        var recent = await store.GetRecentAsync(test, branch, 3, Ct);

        Assert.Equal(["run-05", "run-04", "run-03"], recent.Select(e => e.RunId));
        Assert.Equal(test, recent[0].TestName);
        Assert.Equal(branch, recent[0].Branch);
        Assert.Equal("c5", recent[0].Commit);
        Assert.True(recent[0].Trustworthy);
        Assert.False(recent[0].Accepted);
        Assert.Equal(205, recent[0].Metrics["p95"]);
        Assert.Equal(0.001, recent[0].Metrics["errors"]);
        Assert.Equal("runs/run-05/result.json", recent[0].ResultBlobName);
        Assert.Equal(Start.AddDays(5), recent[0].RunAt);
    }

    [Fact]
    public async Task Untrustworthy_runs_can_be_left_out()
    {
        var store = await NewStoreAsync();
        await store.AddAsync(Entry("checkout", "main", 1), Ct);
        await store.AddAsync(Entry("checkout", "main", 2, trustworthy: false), Ct);
        await store.AddAsync(Entry("checkout", "main", 3), Ct);

        var all = await store.GetRecentAsync("checkout", "main", 10, Ct);
        var trusted = await store.GetRecentAsync("checkout", "main", 10, Ct, trustworthyOnly: true);

        Assert.Equal(["run-03", "run-02", "run-01"], all.Select(e => e.RunId));
        Assert.Equal(["run-03", "run-01"], trusted.Select(e => e.RunId));
    }

    [Fact]
    public async Task An_accepted_run_is_marked_and_an_unknown_one_is_not_found()
    {
        var store = await NewStoreAsync();
        await store.AddAsync(Entry("checkout", "main", 1), Ct);
        await store.AddAsync(Entry("checkout", "main", 2), Ct);

        Assert.True(await store.AcceptAsync("checkout", "main", "run-02", Ct));
        Assert.False(await store.AcceptAsync("checkout", "main", "run-99", Ct));
        Assert.False(await store.AcceptAsync("checkout", "release", "run-02", Ct));

        var recent = await store.GetRecentAsync("checkout", "main", 10, Ct, trustworthyOnly: true);
        Assert.Equal([true, false], recent.Select(e => e.Accepted));
        Assert.Equal(202, recent[0].Metrics["p95"]);
    }

    [Fact]
    public async Task Find_returns_the_run_of_that_test_and_branch_only()
    {
        var store = await NewStoreAsync();
        await store.AddAsync(Entry("checkout", "main", 1), Ct);
        await store.AddAsync(Entry("checkout", "main", 2, trustworthy: false), Ct);

        var found = await store.FindAsync("checkout", "main", "run-02", Ct);

        Assert.NotNull(found);
        Assert.Equal(("run-02", "c2", false, Start.AddDays(2)), (found.RunId, found.Commit, found.Trustworthy, found.RunAt));
        Assert.Equal(202, found.Metrics["p95"]);
        Assert.Null(await store.FindAsync("checkout", "main", "run-99", Ct));
        Assert.Null(await store.FindAsync("checkout", "release", "run-02", Ct));
        Assert.Null(await store.FindAsync("search", "main", "run-02", Ct));
    }

    [Fact]
    public async Task Adding_the_same_run_again_replaces_it()
    {
        var store = await NewStoreAsync();
        await store.AddAsync(Entry("checkout", "main", 1), Ct);
        await store.AcceptAsync("checkout", "main", "run-01", Ct);

        await store.AddAsync(Entry("checkout", "main", 1) with { Commit = "again", Metrics = new Dictionary<string, double> { ["p95"] = 999 } }, Ct);

        var entry = Assert.Single(await store.GetRecentAsync("checkout", "main", 10, Ct));
        Assert.Equal("again", entry.Commit);
        Assert.Equal(999, entry.Metrics["p95"]);
        Assert.False(entry.Metrics.ContainsKey("errors"));
        Assert.False(entry.Accepted);
    }

    [Fact]
    public async Task The_history_of_a_test_spans_its_branches_newest_first()
    {
        var store = await NewStoreAsync();
        await store.AddAsync(Entry("checkout", "main", 1), Ct);
        await store.AddAsync(Entry("checkout", "feature/x", 4), Ct);
        await store.AddAsync(Entry("checkout", "main", 3), Ct);
        await store.AddAsync(Entry("checkout", "release", 2, trustworthy: false), Ct);
        await store.AddAsync(Entry("search", "main", 5), Ct);

        var history = await store.GetForTestAsync("checkout", 3, Ct);

        Assert.Equal([("run-04", "feature/x"), ("run-03", "main"), ("run-02", "release")], history.Select(e => (e.RunId, e.Branch)));
        Assert.All(history, e => Assert.Equal("checkout", e.TestName));
        Assert.Empty(await store.GetForTestAsync("nothing", 10, Ct));
    }
}
