using LoadOps.Cloud.Pipeline;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;
using LoadOps.IntegrationTests.Storage;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Pipeline;

/// <summary>
/// Any pool VM holds an add-only grant to the collect queue; a ShardDone counts only for the blob the shard's own
/// upload grant writes, once it is there.
/// </summary>
public sealed class ShardReportTrustTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class NoLauncher : IShardLauncher
    {
        public Task<ShardLaunch> LaunchAsync(ShardSpec spec, CancellationToken cancellationToken) => Task.FromResult(ShardLaunch.Refused("not used"));
    }

    [Fact]
    public async Task Regression_a_false_shard_done_for_another_shard_is_ignored()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        var stages = new PipelineStages(AzurePipelineStores.Create(clients, TimeProvider.System), new LocalDefinitionSource(Path.GetTempPath()), new NoLauncher(), TimeProvider.System);
        var run = TestRuns.NewRun();
        await stages.Runs.CreateAsync(run, Ct);
        var shards = TestRuns.Shards(run.RunId, 2);
        await stages.Shards.CreateAsync(run.RunId, shards, DateTimeOffset.UtcNow.AddHours(1), Ct);
        var (a, b) = (shards[0].ShardId, shards[1].ShardId);
        var blobOfA = await stages.Results.PutShardResultAsync(TestRuns.Result(run.RunId, a), Ct);

        // The VM of shard A reports B done: with A's blob, and with B's (not uploaded yet).
        var withOthersBlob = await stages.Collect.HandleAsync(new ShardDone(run.RunId, b, blobOfA), Ct);
        var beforeUpload = await stages.Collect.HandleAsync(new ShardDone(run.RunId, b, ArtifactNames.ShardBlobName(run.RunId, b)), Ct);
        var genuine = await stages.Collect.HandleAsync(new ShardDone(run.RunId, a, blobOfA), Ct);

        Assert.Contains("not its own", withOthersBlob.Note, StringComparison.Ordinal);
        Assert.Contains("before its result blob exists", beforeUpload.Note, StringComparison.Ordinal);
        Assert.DoesNotContain("ignored", genuine.Note, StringComparison.Ordinal);
        Assert.Equal(ShardStatus.Done, (await stages.Shards.GetAsync(run.RunId, a, Ct))!.Status);
        Assert.NotEqual(ShardStatus.Done, (await stages.Shards.GetAsync(run.RunId, b, Ct))!.Status);
    }
}
