using LoadOps.Core.Planning;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;
using LoadOps.Pipeline.Live;
using LoadOps.Pipeline.Tests.Scene;
using static LoadOps.Pipeline.Tests.Live.LiveSnapshots;

namespace LoadOps.Pipeline.Tests.Live;

/// <summary>
/// Live reads kept up to date between reads (<see cref="LiveRunReader"/>): every read gives exactly the figures of a
/// merge from scratch of the snapshots stored at that moment, opens only the snapshots written since the last read,
/// and never answers from sums that a rewritten snapshot made stale.
/// </summary>
public sealed class LiveRunReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(StageScene Scene, RunRecord Run, IReadOnlyList<ShardSpec> Shards)> UnderWayAsync(string requestId, int shards)
    {
        var scene = new StageScene(StageScene.Definition(runners: $"- {{ location: local, count: {shards} }}"));
        var run = await scene.RequestAsync(StageScene.Push(requestId), Ct);
        Assert.True(LiveRunReader.IsUnderWay(run));
        var specs = scene.Launcher.Launched.Where(s => s.RunId == run.RunId).ToList();
        Assert.Equal(shards, specs.Count);
        return (scene, run, specs);
    }

    private static LiveRunReader Reader(StageScene scene, int runsKept = LiveRunReader.DefaultRunsKept) =>
        new(scene.Artifacts, scene.Artifacts, scene.Clock, runsKept);

    private static async Task AssertReadsAsFromScratchAsync(LiveRunReader reader, StageScene scene, RunRecord run)
    {
        var figures = await reader.ReadAsync(run, Ct);
        Assert.NotNull(figures);
        Assert.Equal(await FromScratchAsync(scene, run, Ct), LoadOpsJson.Serialize(figures));
    }

    [Fact]
    public async Task Every_read_of_growing_snapshots_gives_the_figures_of_a_merge_from_scratch()
    {
        var (scene, run, shards) = await UnderWayAsync("live-incremental-1", 4);
        var reader = Reader(scene);
        void Put(int shard, int intervals, int seed = 0, DateTimeOffset? start = null) =>
            scene.Artifacts.PutInterimResult(Of(shards[shard], intervals, seed, start));

        Put(0, 1); Put(1, 1); Put(2, 1);
        await AssertReadsAsFromScratchAsync(reader, scene, run);
        await AssertReadsAsFromScratchAsync(reader, scene, run); // nothing changed
        Put(1, 1); // written again, the same bytes
        await AssertReadsAsFromScratchAsync(reader, scene, run);

        Put(0, 3); Put(1, 2); Put(3, 2); // shard 3's first snapshot comes late, with two intervals at once
        scene.Clock.Advance(TimeSpan.FromSeconds(10));
        await AssertReadsAsFromScratchAsync(reader, scene, run);
        Assert.Equal(1, reader.FullMerges(run.RunId));

        scene.Artifacts.PutInterimResult(Damaged(Of(shards[1], 3))); // merged before, now unreadable: left out
        await AssertReadsAsFromScratchAsync(reader, scene, run);
        Assert.Equal(3, (await reader.ReadAsync(run, Ct))!.ShardsReporting);
        Assert.Equal(2, reader.FullMerges(run.RunId));

        Put(1, 4); Put(2, 1, seed: 1, start: shards[2].StartAt + (shards[2].Interval * 2)); // readable again; shard 2 started over
        await AssertReadsAsFromScratchAsync(reader, scene, run);
        Assert.Equal(3, reader.FullMerges(run.RunId));

        for (var round = 5; round <= 7; round++)
        {
            Put(0, round); Put(1, round); Put(2, round - 3, seed: 1, start: shards[2].StartAt + (shards[2].Interval * 2)); Put(3, round);
            scene.Clock.Advance(TimeSpan.FromSeconds(5));
            await AssertReadsAsFromScratchAsync(reader, scene, run);
        }
        Assert.Equal(3, reader.FullMerges(run.RunId)); // growing snapshots alone never sent it back to a full merge
    }

    [Fact]
    public async Task Snapshots_unchanged_since_the_last_read_are_not_opened_again()
    {
        var (scene, run, shards) = await UnderWayAsync("live-incremental-2", 3);
        var names = shards.Select(s => scene.Artifacts.PutInterimResult(Of(s, 2))).ToList();
        var reader = Reader(scene);
        int[] Opened() => [.. names.Select(scene.Artifacts.Opened)];

        var first = await reader.ReadAsync(run, Ct);
        Assert.Equal([1, 1, 1], Opened());
        var again = await reader.ReadAsync(run, Ct);
        Assert.Equal([1, 1, 1], Opened());
        Assert.Equal(LoadOpsJson.Serialize(first), LoadOpsJson.Serialize(again));

        scene.Artifacts.PutInterimResult(Of(shards[1], 3));
        var grown = await reader.ReadAsync(run, Ct);

        Assert.Equal([1, 2, 1], Opened());
        Assert.True(grown!.Requests > first!.Requests);
    }

    [Fact]
    public async Task A_snapshot_rewritten_with_other_figures_for_merged_intervals_is_not_answered_from_stale_sums()
    {
        var (scene, run, shards) = await UnderWayAsync("live-incremental-3", 2);
        scene.Artifacts.PutInterimResult(Of(shards[0], 3));
        scene.Artifacts.PutInterimResult(Of(shards[1], 3));
        var reader = Reader(scene);
        var before = await reader.ReadAsync(run, Ct);

        // The same shard, the same start and one more interval, but 1,000 more requests in each of the three merged
        // already (a runner that restarted in place): adding only the fourth interval would miss the 3,000.
        var rewritten = Of(shards[0], 4);
        var step = rewritten.Steps[0];
        scene.Artifacts.PutInterimResult(rewritten with { Steps = [step with { Intervals = [.. step.Intervals.Select((i, n) => n < 3 ? i with { Ok = i.Ok + 1_000 } : i)] }] });
        var after = await reader.ReadAsync(run, Ct);

        Assert.Equal(await FromScratchAsync(scene, run, Ct), LoadOpsJson.Serialize(after));
        Assert.Equal(before!.Requests + step.Intervals[3].Total + 3_000, after!.Requests);
        Assert.Equal(2, reader.FullMerges(run.RunId));
    }

    [Fact]
    public async Task The_merges_kept_are_bounded_and_a_run_no_longer_under_way_is_dropped()
    {
        var (scene, run, shards) = await UnderWayAsync("live-incremental-4", 2);
        var other = await scene.RequestAsync(StageScene.Push("live-incremental-5"), Ct);
        foreach (var spec in scene.Launcher.Launched)
            scene.Artifacts.PutInterimResult(Of(spec, 2));
        var reader = Reader(scene, runsKept: 1);

        await reader.ReadAsync(run, Ct);
        Assert.Equal([run.RunId], reader.RunsKept);
        await reader.ReadAsync(other, Ct);
        Assert.Equal([other.RunId], reader.RunsKept);

        var figures = await reader.ReadAsync(other with { Status = RunStatus.Evaluating }, Ct);
        Assert.Equal(2, figures!.ShardsReporting);
        Assert.Empty(reader.RunsKept);
        Assert.Equal(shards.Count, figures.ShardCount);
    }
}
