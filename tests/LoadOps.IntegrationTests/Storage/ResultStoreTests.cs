using Azure.Storage.Blobs;
using Azure;
using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace LoadOps.IntegrationTests.Storage;

public sealed class ResultStoreTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Shard_and_merged_results_round_trip_and_shards_are_listed_per_run()
    {
        var store = new ResultStore(await azurite.NewClientsAsync(Ct), TimeProvider.System);
        var runId = TestRuns.NewRunId();
        var otherRun = TestRuns.NewRunId();

        var names = new List<string>();
        foreach (var shard in new[] { "s002", "s000", "s001" })
            names.Add(await store.PutShardResultAsync(TestRuns.Result(runId, $"{runId}-{shard}"), Ct));
        await store.PutShardResultAsync(TestRuns.Result(otherRun, $"{otherRun}-s000"), Ct);
        var merged = await store.PutMergedResultAsync(TestRuns.Result(runId, null), Ct);

        Assert.Equal($"runs/{runId}/shards/{runId}-s002.json", names[0]);
        Assert.Equal(names.Order(StringComparer.Ordinal), await store.ListShardResultsAsync(runId, Ct));

        var read = await store.ReadResultAsync(names[1], Ct);
        Assert.Equal($"{runId}-s000", read!.ShardId);
        Assert.Equal("cpu", Assert.Single(read.TrustIssues).Code);
        Assert.Null((await store.ReadResultAsync(merged, Ct))!.ShardId);
        Assert.Null(await store.ReadResultAsync($"runs/{runId}/shards/absent.json", Ct));
    }

    [Fact]
    public async Task A_result_opened_before_its_runner_overwrites_it_reads_to_the_end_as_the_version_it_opened()
    {
        var store = new ResultStore(await azurite.NewClientsAsync(Ct), TimeProvider.System);
        var runId = TestRuns.NewRunId();
        var name = await store.PutShardResultAsync(TestRuns.Result(runId, $"{runId}-s000"), Ct);

        await using var opened = await store.OpenResultAsync(name, Ct);
        await store.PutShardResultAsync(TestRuns.Result(runId, $"{runId}-s000") with { Definition = "overwritten" }, Ct);
        var read = await System.Text.Json.JsonSerializer.DeserializeAsync<LoadOps.Core.Results.ResultFile>(opened!, LoadOps.Core.Serialization.LoadOpsJson.Options, Ct);

        // A chunked read of the first version would have failed with 412 here: that version is gone.
        Assert.NotEqual("overwritten", read!.Definition);
        Assert.Equal("overwritten", (await store.ReadResultAsync(name, Ct))!.Definition);
    }

    [Fact]
    public async Task Reports_are_stored_and_streamed_back()
    {
        var store = new ResultStore(await azurite.NewClientsAsync(Ct), TimeProvider.System);
        var runId = TestRuns.NewRunId();
        var markdown = "# checkout\np95 212 ms → 268 ms\n"u8.ToArray();

        var name = await store.PutReportAsync(runId, "report.md", new MemoryStream(markdown), "text/markdown", Ct);

        await using var stream = await store.OpenReportAsync(name, Ct);
        using var copy = new MemoryStream();
        await stream!.CopyToAsync(copy, Ct);
        Assert.Equal(markdown, copy.ToArray());
        Assert.Throws<ArgumentException>(() => ArtifactNames.ReportBlobName(runId, "../escape.md"));
    }

    [Fact]
    public async Task Upload_sas_writes_its_own_blob_and_nothing_else()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        var store = new ResultStore(clients, TimeProvider.System);
        var runId = TestRuns.NewRunId();
        var sas = await store.CreateShardUploadUriAsync(runId, $"{runId}-s000", TimeSpan.FromMinutes(30), Ct);

        await new BlobClient(sas).UploadAsync(BinaryData.FromString("""{"runId":"x"}"""), overwrite: true, Ct);
        Assert.Single(await store.ListShardResultsAsync(runId, Ct));

        var readDenied = await Assert.ThrowsAsync<RequestFailedException>(() => new BlobClient(sas).DownloadContentAsync(Ct));
        Assert.Equal(403, readDenied.Status);

        var otherBlob = new UriBuilder(sas) { Path = sas.AbsolutePath.Replace("-s000.json", "-s001.json", StringComparison.Ordinal) }.Uri;
        var writeDenied = await Assert.ThrowsAsync<RequestFailedException>(() =>
            new BlobClient(otherBlob).UploadAsync(BinaryData.FromString("{}"), overwrite: true, Ct));
        Assert.Equal(403, writeDenied.Status);
        Assert.Single(await store.ListShardResultsAsync(runId, Ct));
    }

    [Fact]
    public async Task Upload_sas_stops_working_when_it_expires()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        var issuedAt = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2));
        var store = new ResultStore(clients, issuedAt);
        var runId = TestRuns.NewRunId();
        var sas = await store.CreateShardUploadUriAsync(runId, $"{runId}-s000", TimeSpan.FromHours(1), Ct);

        var expired = await Assert.ThrowsAsync<RequestFailedException>(() =>
            new BlobClient(sas).UploadAsync(BinaryData.FromString("{}"), overwrite: true, Ct));
        Assert.Equal(403, expired.Status);
    }
}
