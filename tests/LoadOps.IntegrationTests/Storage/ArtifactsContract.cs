using LoadOps.Core.Evaluation;
using LoadOps.Core.Results;
using LoadOps.IntegrationTests.Pools;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>
/// What every <see cref="IResultArtifacts"/> and <see cref="IStageDocuments"/> must do, run against each
/// implementation: Azure Blobs on Azurite (<see cref="AzureArtifactsContractTests"/>) and memory
/// (<see cref="InMemoryArtifactsContractTests"/>). Upload grants differ by nature (SAS on Azure, inert URIs in memory)
/// and are tested in <see cref="ResultStoreTests"/>; here a runner's interim upload is played by <see cref="PutInterimAsync"/>.
/// </summary>
public abstract partial class ArtifactsContract
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Result artifacts and stage documents over the same storage, both new and empty.</summary>
    protected abstract Task<(IResultArtifacts Results, IStageDocuments Documents)> NewStoresAsync();

    /// <summary>What a running shard's upload through its interim grant does: replaces its latest snapshot.</summary>
    protected abstract Task PutInterimAsync(IResultArtifacts results, ResultFile snapshot);

    [Fact]
    public async Task Shard_and_merged_results_round_trip()
    {
        var (results, _) = await NewStoresAsync();
        var runId = TestRuns.NewRunId();
        var shard = TestRuns.Result(runId, $"{runId}-s000");

        var shardName = await results.PutShardResultAsync(shard, Ct);
        var mergedName = await results.PutMergedResultAsync(TestRuns.Result(runId, null) with { Definition = "merged" }, Ct);

        Assert.Equal(ArtifactNames.ShardBlobName(runId, $"{runId}-s000"), shardName);
        Assert.Equal(ArtifactNames.MergedBlobName(runId), mergedName);
        var read = await results.ReadResultAsync(shardName, Ct);
        Assert.Equal((runId, $"{runId}-s000", "checkout", "sha256:abc"), (read!.RunId, read.ShardId, read.Definition, read.DefinitionHash));
        Assert.Equal((shard.Start, shard.End), (read.Start, read.End));
        var issue = Assert.Single(read.TrustIssues);
        Assert.Equal(("cpu", $"{runId}-s000"), (issue.Code, issue.ShardId));

        var merged = await results.ReadResultAsync(mergedName, Ct);
        Assert.Equal(("merged", null), (merged!.Definition, merged.ShardId));
        await using var stream = await results.OpenResultAsync(mergedName, Ct);
        using var reader = new StreamReader(stream!);
        Assert.Contains("\"merged\"", await reader.ReadToEndAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_result_written_again_replaces_the_old_one()
    {
        var (results, _) = await NewStoresAsync();
        var runId = TestRuns.NewRunId();
        var first = await results.PutShardResultAsync(TestRuns.Result(runId, $"{runId}-s000"), Ct);

        var second = await results.PutShardResultAsync(TestRuns.Result(runId, $"{runId}-s000") with { TrustIssues = [] }, Ct);

        Assert.Equal(first, second);
        Assert.Empty((await results.ReadResultAsync(second, Ct))!.TrustIssues);
        Assert.Single(await results.ListShardResultsAsync(runId, Ct));
    }

    [Fact]
    public async Task A_shard_result_without_its_shard_id_is_refused()
    {
        var (results, _) = await NewStoresAsync();
        var runId = TestRuns.NewRunId();

        await Assert.ThrowsAsync<ArgumentException>(() => results.PutShardResultAsync(TestRuns.Result(runId, null), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => results.PutShardResultAsync(TestRuns.Result(runId, ""), Ct));

        Assert.Empty(await results.ListShardResultsAsync(runId, Ct));
    }

    [Fact]
    public async Task What_was_never_written_reads_as_null()
    {
        var (results, documents) = await NewStoresAsync();
        var runId = TestRuns.NewRunId();

        Assert.Null(await results.ReadResultAsync(ArtifactNames.ShardBlobName(runId, $"{runId}-s000"), Ct));
        Assert.Null(await results.ReadResultAsync(ArtifactNames.MergedBlobName(runId), Ct));
        Assert.Null(await results.OpenResultAsync(ArtifactNames.InterimBlobName(runId, $"{runId}-s000"), Ct));
        Assert.Null(await results.OpenReportAsync(ArtifactNames.ReportBlobName(runId, "report.md"), Ct));
        Assert.Null(await documents.ReadPlanAsync(runId, Ct));
        Assert.Null(await documents.ReadEvaluationAsync(runId, Ct));
        Assert.Empty(await results.ListShardResultsAsync(runId, Ct));
        Assert.Empty(await results.ListInterimSnapshotsAsync(runId, Ct));
    }

    [Fact]
    public async Task Shard_results_and_interim_snapshots_are_listed_apart_per_run_in_name_order()
    {
        var (results, documents) = await NewStoresAsync();
        var runId = TestRuns.NewRunId();
        var otherRun = TestRuns.NewRunId();
        foreach (var shard in new[] { "s002", "s000", "s001" })
            await results.PutShardResultAsync(TestRuns.Result(runId, $"{runId}-{shard}"), Ct);
        await results.PutShardResultAsync(TestRuns.Result(otherRun, $"{otherRun}-s000"), Ct);
        await results.PutMergedResultAsync(TestRuns.Result(runId, null), Ct);
        await documents.WriteEvaluationAsync(runId, Evaluation(RunVerdict.Pass, "all good"), Ct);
        await PutInterimAsync(results, TestRuns.Result(runId, $"{runId}-s003") with { Status = ResultStatus.Running });
        await PutInterimAsync(results, TestRuns.Result(runId, $"{runId}-s001") with { Status = ResultStatus.Running, TrustIssues = [] });
        await PutInterimAsync(results, TestRuns.Result(runId, $"{runId}-s001") with { Status = ResultStatus.Running });
        await PutInterimAsync(results, TestRuns.Result(otherRun, $"{otherRun}-s001") with { Status = ResultStatus.Running });

        Assert.Equal(
            [ArtifactNames.ShardBlobName(runId, $"{runId}-s000"), ArtifactNames.ShardBlobName(runId, $"{runId}-s001"), ArtifactNames.ShardBlobName(runId, $"{runId}-s002")],
            await results.ListShardResultsAsync(runId, Ct));
        var interim = await results.ListInterimSnapshotsAsync(runId, Ct);
        Assert.Equal([ArtifactNames.InterimBlobName(runId, $"{runId}-s001"), ArtifactNames.InterimBlobName(runId, $"{runId}-s003")], interim.Select(s => s.Name));

        var latest = await results.ReadResultAsync(interim[0].Name, Ct);
        Assert.Equal((ResultStatus.Running, $"{runId}-s001"), (latest!.Status, latest.ShardId));
        Assert.Single(latest.TrustIssues);
        Assert.Equal(ResultStatus.Complete, (await results.ReadResultAsync(ArtifactNames.ShardBlobName(runId, $"{runId}-s001"), Ct))!.Status);
    }

    [Fact]
    public async Task A_snapshot_keeps_its_version_until_it_is_written_again_even_with_the_same_bytes()
    {
        var (results, _) = await NewStoresAsync();
        var runId = TestRuns.NewRunId();
        var snapshot = TestRuns.Result(runId, $"{runId}-s000") with { Status = ResultStatus.Running };
        await PutInterimAsync(results, snapshot);
        await PutInterimAsync(results, TestRuns.Result(runId, $"{runId}-s001") with { Status = ResultStatus.Running });

        var first = await results.ListInterimSnapshotsAsync(runId, Ct);
        var again = await results.ListInterimSnapshotsAsync(runId, Ct);
        await PutInterimAsync(results, snapshot);
        var rewritten = await results.ListInterimSnapshotsAsync(runId, Ct);

        Assert.All(first, s => Assert.False(string.IsNullOrEmpty(s.Version)));
        Assert.Equal(first, again);
        Assert.NotEqual(first[0].Version, rewritten[0].Version);
        Assert.Equal(first[1], rewritten[1]);
    }

    [Fact]
    public async Task Reports_are_stored_and_streamed_back_byte_for_byte()
    {
        var (results, _) = await NewStoresAsync();
        var runId = TestRuns.NewRunId();
        var markdown = "# checkout\np95 212 ms → 268 ms\n"u8.ToArray();
        var binary = Enumerable.Range(0, 256).Select(i => (byte)i).Concat(new byte[] { 0xEF, 0xBB, 0xBF, 0xFF, 0x00 }).ToArray();

        var markdownName = await results.PutReportAsync(runId, "report.md", new MemoryStream(markdown), "text/markdown", Ct);
        var binaryName = await results.PutReportAsync(runId, "junit.xml", new MemoryStream(binary), "application/xml", Ct);

        Assert.Equal(ArtifactNames.ReportBlobName(runId, "report.md"), markdownName);
        Assert.Equal(markdown, await ReadReportAsync(results, markdownName));
        Assert.Equal(binary, await ReadReportAsync(results, binaryName));

        await results.PutReportAsync(runId, "report.md", new MemoryStream("# rendered again\n"u8.ToArray()), "text/markdown", Ct);
        Assert.Equal("# rendered again\n"u8.ToArray(), await ReadReportAsync(results, markdownName));
        Assert.Null(await results.OpenResultAsync(markdownName, Ct));
    }

    [Fact]
    public async Task The_first_plan_wins_and_a_second_write_returns_the_stored_one()
    {
        var (_, documents) = await NewStoresAsync();
        var runId = TestRuns.NewRunId();
        var startAt = new DateTimeOffset(2026, 11, 23, 10, 45, 0, TimeSpan.Zero);
        var first = new StoredPlan(runId, startAt, startAt.AddMinutes(10), [PoolFixtures.Spec(runId, 0, "local"), PoolFixtures.Spec(runId, 1, "azure/westeurope")]);
        var retried = new StoredPlan(runId, startAt.AddMinutes(3), startAt.AddMinutes(13), [PoolFixtures.Spec(runId, 0, "local")]);

        var written = await documents.WritePlanOnceAsync(first, Ct);
        var again = await documents.WritePlanOnceAsync(retried, Ct);
        var read = await documents.ReadPlanAsync(runId, Ct);

        Assert.Same(first, written);
        foreach (var plan in new[] { again, read! })
        {
            Assert.Equal((runId, startAt, startAt.AddMinutes(10)), (plan.RunId, plan.StartAt, plan.Deadline));
            Assert.Equal([$"{runId}-s000", $"{runId}-s001"], plan.Shards.Select(s => s.ShardId));
            Assert.Equal(["local", "azure/westeurope"], plan.Shards.Select(s => s.Location));
            Assert.Equal("pool-test", plan.Shards[0].Definition.Name);
        }
    }

    [Fact]
    public async Task An_evaluation_written_again_replaces_the_old_one()
    {
        var (_, documents) = await NewStoresAsync();
        var runId = TestRuns.NewRunId();

        await documents.WriteEvaluationAsync(runId, Evaluation(RunVerdict.Fail, "p95 over 250 ms") with { Reservations = ["partial"], Settled = false }, Ct);
        var first = await documents.ReadEvaluationAsync(runId, Ct);
        await documents.WriteEvaluationAsync(runId, Evaluation(RunVerdict.Pass, "all thresholds held"), Ct);
        var second = await documents.ReadEvaluationAsync(runId, Ct);

        Assert.Equal((RunVerdict.Fail, "p95 over 250 ms", false), (first!.Verdict, first.Headline, first.Settled));
        Assert.Equal(["partial"], first.Reservations);
        Assert.Equal((RunVerdict.Pass, "all thresholds held", true), (second!.Verdict, second.Headline, second.Settled));
        Assert.Empty(second.Reservations);
        Assert.Null(await documents.ReadEvaluationAsync(TestRuns.NewRunId(), Ct));
    }

    private static RunEvaluation Evaluation(RunVerdict verdict, string headline) => new() { Verdict = verdict, Headline = headline };

    private static async Task<byte[]> ReadReportAsync(IResultArtifacts results, string name)
    {
        await using var stream = await results.OpenReportAsync(name, Ct);
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }
}
