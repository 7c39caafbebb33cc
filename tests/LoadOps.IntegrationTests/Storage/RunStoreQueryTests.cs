using LoadOps.Cloud.Api;
using LoadOps.Cloud.Storage;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>The run API's queries over the runs table: by repository and commit, and by request id.</summary>
public sealed class RunStoreQueryTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Runs_are_found_by_repository_and_commit_and_by_request_with_their_request_id_kept()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        var store = new RunStore(clients, TimeProvider.System);
        var first = TestRuns.NewRun() with { Commit = "aaaaaaa", RequestId = "delivery-1" };
        var second = TestRuns.NewRun() with { Commit = "aaaaaaa", RequestId = "delivery-2", TestName = "search" };
        var otherCommit = TestRuns.NewRun() with { Commit = "bbbbbbb", RequestId = "delivery-1" };
        var otherRepo = TestRuns.NewRun() with { Commit = "aaaaaaa", Repo = "octo/other", RequestId = "delivery-3" };
        foreach (var run in new[] { first, second, otherCommit, otherRepo })
            Assert.True(await store.CreateAsync(run, Ct));

        var byCommit = await store.ListByCommitAsync("octo/shop", "aaaaaaa", Ct);
        var byRequest = await store.ListByRequestAsync("delivery-1", Ct);

        Assert.Equal(new[] { first.RunId, second.RunId }.Order(), byCommit.Select(r => r.RunId).Order());
        Assert.Equal(new[] { first.RunId, otherCommit.RunId }.Order(), byRequest.Select(r => r.RunId).Order());
        Assert.Equal("delivery-2", byCommit.Single(r => r.RunId == second.RunId).RequestId);
        Assert.Empty(await store.ListByCommitAsync("octo/shop", "ccccccc", Ct));
    }

    [Fact]
    public async Task The_storage_catalog_reads_a_missing_report_as_null()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        var catalog = new StorageRunCatalog(clients, TimeProvider.System);

        Assert.Null(await catalog.ReadReportAsync("runs/none/report.md", Ct));
        Assert.Null(await catalog.ReadEvaluationAsync("none", Ct));
        Assert.Null(await catalog.GetAsync("none", Ct));
    }
}
