using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Storage;

public sealed class BaselineStoreTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 3, 0, 0, TimeSpan.Zero);

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
        var store = new BaselineStore(await azurite.NewClientsAsync(Ct));
        foreach (var day in new[] { 3, 1, 4, 2, 5 })
            await store.AddAsync(Entry(test, branch, day), Ct);
        await store.AddAsync(Entry(test, branch + "-other", 9), Ct);

        var recent = await store.GetRecentAsync(test, branch, 3, Ct);

        Assert.Equal(["run-05", "run-04", "run-03"], recent.Select(e => e.RunId));
        Assert.Equal(test, recent[0].TestName);
        Assert.Equal(branch, recent[0].Branch);
        Assert.Equal(205, recent[0].Metrics["p95"]);
        Assert.Equal(Start.AddDays(5), recent[0].RunAt);
    }

    [Fact]
    public async Task Untrustworthy_runs_can_be_left_out()
    {
        var store = new BaselineStore(await azurite.NewClientsAsync(Ct));
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
        var store = new BaselineStore(await azurite.NewClientsAsync(Ct));
        await store.AddAsync(Entry("checkout", "main", 1), Ct);
        await store.AddAsync(Entry("checkout", "main", 2), Ct);

        Assert.True(await store.AcceptAsync("checkout", "main", "run-02", Ct));
        Assert.False(await store.AcceptAsync("checkout", "main", "run-99", Ct));

        var recent = await store.GetRecentAsync("checkout", "main", 10, Ct, trustworthyOnly: true);
        Assert.Equal([true, false], recent.Select(e => e.Accepted));
        Assert.Equal(202, recent[0].Metrics["p95"]);
    }
}
