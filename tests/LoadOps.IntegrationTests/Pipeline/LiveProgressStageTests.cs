using Azure.Storage.Blobs;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;
using LoadOps.Core.Validation;
using LoadOps.IntegrationTests.Pools;
using LoadOps.IntegrationTests.Storage;
using LoadOps.Pipeline;
using Microsoft.Extensions.Time.Testing;
using LoadOps.Pipeline.Live;
using LoadOps.Pipeline.Publish;

namespace LoadOps.IntegrationTests.Pipeline;

/// <summary>
/// The live update throttle on a fake clock (run rows, plan and interim snapshot blobs on Azurite; the publisher
/// records calls): one update per interval per run, none for an unchanged snapshot, and a doubling back-off after a 429.
/// </summary>
public sealed class LiveProgressStageTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Updates_are_throttled_per_interval_skipped_when_unchanged_and_back_off_doubling_after_a_429()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 3, 0, 0, TimeSpan.Zero));
        var runs = new RunStore(clients, clock);
        var results = new ResultStore(clients, clock);
        var blobs = new PipelineBlobs(clients);
        var run = TestRuns.NewRun() with { InstallationId = 5 };
        Assert.True(await runs.CreateAsync(run, Ct));
        foreach (var status in new[] { RunStatus.Validating, RunStatus.Dispatched, RunStatus.Running })
            Assert.Equal(TransitionOutcome.Moved, (await runs.TransitionAsync(run.RunId, status, null, Ct)).Outcome);
        var spec = PoolFixtures.Spec(run.RunId, 0, "local") with { ShardCount = 1 };
        await blobs.WritePlanOnceAsync(new StoredPlan(run.RunId, clock.GetUtcNow(), clock.GetUtcNow().AddMinutes(5), [spec]), Ct);
        var publisher = new RecordingPublisher();
        var stage = new LiveProgressStage(runs, new LiveRunReader(results, blobs, clock), publisher, clock, Interval);
        var snapshot = clients.Blobs.GetBlobContainerClient(clients.Names.ResultsContainer).GetBlobClient(ArtifactNames.InterimBlobName(run.RunId, spec.ShardId));

        Assert.Empty(await stage.TickAsync(Ct)); // No snapshot yet: nothing to show.
        await WriteSnapshotAsync(snapshot, run.RunId, spec.ShardId, seconds: 5);
        await stage.TickAsync(Ct);
        Assert.Equal(1, publisher.Calls);
        await WriteSnapshotAsync(snapshot, run.RunId, spec.ShardId, seconds: 10);
        await stage.TickAsync(Ct);
        Assert.Equal(1, publisher.Calls); // Within the interval.

        clock.Advance(Interval);
        await stage.TickAsync(Ct);
        Assert.Equal(2, publisher.Calls);
        clock.Advance(Interval);
        await stage.TickAsync(Ct);
        Assert.Equal(2, publisher.Calls); // The snapshot has not changed since the last update.

        publisher.Answer = new ProgressResult(false, 429, "rate limited");
        await WriteSnapshotAsync(snapshot, run.RunId, spec.ShardId, seconds: 15);
        var refused = await stage.TickAsync(Ct);
        Assert.Equal(3, publisher.Calls);
        Assert.Contains("GitHub answered 429; no live update for 60 s", Assert.Single(refused), StringComparison.Ordinal);
        clock.Advance(Interval);
        await stage.TickAsync(Ct);
        Assert.Equal(3, publisher.Calls); // Backing off for twice the interval.
        clock.Advance(Interval);
        refused = await stage.TickAsync(Ct);
        Assert.Equal(4, publisher.Calls);
        Assert.Contains("no live update for 120 s", Assert.Single(refused), StringComparison.Ordinal);

        publisher.Answer = new ProgressResult(true);
        clock.Advance(TimeSpan.FromSeconds(120));
        Assert.Contains("check run updated", Assert.Single(await stage.TickAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(5, publisher.Calls);

        // Once the run is past collecting it is no longer listed, and nothing is published for it.
        foreach (var status in new[] { RunStatus.Collecting, RunStatus.Evaluating })
            Assert.Equal(TransitionOutcome.Moved, (await runs.TransitionAsync(run.RunId, status, null, Ct)).Outcome);
        await WriteSnapshotAsync(snapshot, run.RunId, spec.ShardId, seconds: 20);
        clock.Advance(Interval);
        await stage.TickAsync(Ct);
        Assert.Equal(5, publisher.Calls);
    }

    private static async Task WriteSnapshotAsync(BlobClient blob, string runId, string shardId, int seconds)
    {
        var start = new DateTimeOffset(2026, 12, 4, 3, 0, 0, TimeSpan.Zero);
        var result = TestRuns.Result(runId, shardId) with { Start = start, End = start.AddSeconds(seconds), Status = ResultStatus.Running, TrustIssues = [] };
        await blob.UploadAsync(BinaryData.FromString(LoadOpsJson.Serialize(result)), overwrite: true, Ct);
    }

    private sealed class RecordingPublisher : IRunPublisher
    {
        public int Calls { get; private set; }

        public ProgressResult Answer { get; set; } = new(true);

        public Task<ProgressResult> ProgressAsync(RunRecord run, LiveFigures live, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(Answer);
        }

        public Task<PublishResult> ValidationFailedAsync(RunRequest request, IReadOnlyList<DefinitionError> problems, CancellationToken cancellationToken) => Task.FromResult(PublishResult.Nothing);

        public Task<PublishResult> DispatchedAsync(RunRecord run, CancellationToken cancellationToken) => Task.FromResult(PublishResult.Nothing);

        public Task<PublishResult> ReportedAsync(RunReport report, CancellationToken cancellationToken) => Task.FromResult(PublishResult.Nothing);

        public Task<PublishResult> FailedAsync(RunRecord run, CancellationToken cancellationToken) => Task.FromResult(PublishResult.Nothing);
    }
}
