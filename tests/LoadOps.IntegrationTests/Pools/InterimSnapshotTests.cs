using System.Security.Cryptography;
using System.Text.Json;
using LoadOps.Cloud.Pools;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;
using LoadOps.Pipeline;
using LoadOps.Testing;

namespace LoadOps.IntegrationTests.Pools;

/// <summary>
/// A real agent process uploads its shard's result so far to the interim snapshot blob while the shard runs (Azurite,
/// the sample target), and a snapshot that cannot be uploaded never fails the shard.
/// </summary>
public sealed class InterimSnapshotTests(AzuriteFixture azurite) : IAsyncDisposable
{
    private static readonly TimeSpan Stop = TimeSpan.FromSeconds(40);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loadops-interim-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
    private SampleTargetHost? _target;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_running_shard_overwrites_its_interim_snapshot_every_second_and_its_final_result_is_reported_apart()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        var spec = await SpecAsync("run-interim-1", TimeSpan.FromSeconds(6));
        var grants = new PoolGrants(clients, TimeProvider.System);
        var item = await grants.CreateAsync(spec, spec.Deadline!.Value, Ct);
        Assert.Contains("sp=cw", item.InterimUploadUrl!.Query, StringComparison.Ordinal);
        await SendAsync(clients, "live", item);
        using var agent = AgentProcess.Start("live", await PoolFixtures.AgentQueueUrlAsync(clients, "live", Ct), Path.Combine(_folder, "agent"));

        var results = new ResultStore(clients, TimeProvider.System);
        var interim = clients.Blobs.GetBlobContainerClient(clients.Names.ResultsContainer).GetBlobClient(ArtifactNames.InterimBlobName(spec.RunId, spec.ShardId));
        var versions = new HashSet<string>(StringComparer.Ordinal);
        var seenWhileRunning = new List<ResultFile>();
        for (var until = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < until && !agent.Output.Contains("ShardDone sent", StringComparison.Ordinal);)
        {
            if (await interim.ExistsAsync(Ct))
            {
                var snapshot = await results.ReadResultAsync(interim.Name, Ct);
                if (snapshot is { Status: ResultStatus.Running } && versions.Add((await interim.GetPropertiesAsync(cancellationToken: Ct)).Value.ETag.ToString()))
                    seenWhileRunning.Add(snapshot);
            }
            await Task.Delay(200, Ct);
        }

        var context = agent.Output;
        Assert.Contains("ShardDone sent", context, StringComparison.Ordinal);
        // A 6 s shard closing 1 s intervals, uploaded every second: several distinct snapshots, each a result file of this shard.
        Assert.True(seenWhileRunning.Count >= 2, $"{seenWhileRunning.Count} snapshots\n{context}");
        Assert.All(seenWhileRunning, s => Assert.Equal(spec.ShardId, s.ShardId));
        var final = await results.ReadResultAsync(ArtifactNames.ShardBlobName(spec.RunId, spec.ShardId), Ct);
        Assert.Equal(ResultStatus.Complete, final!.Status);
        var finalOk = final.Steps.Sum(s => s.Intervals.Sum(i => i.Ok));
        var snapshotOk = seenWhileRunning.Select(s => s.Steps.Sum(st => st.Intervals.Sum(i => i.Ok))).ToList();
        Assert.True(snapshotOk[^1] > 0 && snapshotOk[^1] <= finalOk, $"{string.Join(",", snapshotOk)} then {finalOk}\n{context}");
        Assert.Equal(snapshotOk.Order().ToList(), snapshotOk);
        Assert.Equal(0, await agent.TerminateAsync(Stop, Ct));
    }

    [Fact]
    public async Task A_snapshot_that_cannot_be_uploaded_is_logged_without_its_grant_and_the_shard_still_reports_complete()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        var spec = await SpecAsync("run-interim-2", TimeSpan.FromSeconds(3));
        var grants = new PoolGrants(clients, TimeProvider.System);
        // Nothing listens on port 9: every interim upload fails to connect.
        var item = (await grants.CreateAsync(spec, spec.Deadline!.Value, Ct)) with { InterimUploadUrl = new Uri("http://127.0.0.1:9/acct/results/x.json?sp=cw&sig=interim-secret") };
        await SendAsync(clients, "dead", item);
        using var agent = AgentProcess.Start("dead", await PoolFixtures.AgentQueueUrlAsync(clients, "dead", Ct), Path.Combine(_folder, "agent"));

        Assert.True(await agent.WaitForAsync("ShardDone sent", TimeSpan.FromSeconds(60), Ct), agent.Output);
        Assert.Equal(0, await agent.TerminateAsync(Stop, Ct));

        Assert.Contains("the interim snapshot was not uploaded", agent.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("interim-secret", agent.Output, StringComparison.Ordinal);
        var final = await new ResultStore(clients, TimeProvider.System).ReadResultAsync(ArtifactNames.ShardBlobName(spec.RunId, spec.ShardId), Ct);
        Assert.Equal(ResultStatus.Complete, final!.Status);
    }

    private async Task<Core.Planning.ShardSpec> SpecAsync(string runId, TimeSpan duration)
    {
        var baseUrl = await StartTargetAsync();
        return PoolFixtures.Browsing(PoolFixtures.Spec(runId, 0, "pool/live") with
        {
            ShardCount = 1,
            StartAt = DateTimeOffset.UtcNow.AddSeconds(2),
            Interval = TimeSpan.FromSeconds(1),
            SnapshotUploadInterval = TimeSpan.FromSeconds(1),
        }, baseUrl, duration);
    }

    private static async Task SendAsync(StorageClients clients, string pool, Core.Pipeline.PoolWorkItem item)
    {
        var queue = PoolFixtures.PoolQueue(clients, pool);
        await queue.CreateIfNotExistsAsync(cancellationToken: Ct);
        await queue.SendMessageAsync(JsonSerializer.Serialize(item, LoadOpsJson.Compact), Ct);
    }

    private async Task<string> StartTargetAsync()
    {
        _target = await SampleTargetHost.StartAsync();
        return _target.BaseUrl;
    }

    public async ValueTask DisposeAsync()
    {
        if (_target is not null)
            await _target.DisposeAsync();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}
