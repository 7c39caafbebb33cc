using System.Text.Json.Nodes;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;
using static LoadOps.Core.Tests.Results.GrowingShards;

namespace LoadOps.Core.Tests.Results;

/// <summary>
/// The live merge kept up to date snapshot by snapshot (<see cref="SnapshotMerge"/>) must write exactly what a merge
/// from scratch of the same latest snapshots writes, and must say so when it can no longer.
/// </summary>
public sealed class SnapshotMergeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Feeds <paramref name="changed"/> into <paramref name="merge"/> and into the latest set, and returns the update's answer.</summary>
    private static Task<string?> UpdateAsync(SnapshotMerge merge, Dictionary<string, byte[]> latest, params (string Name, byte[] Bytes)[] changed)
    {
        foreach (var (name, bytes) in changed)
            latest[name] = bytes;
        return merge.UpdateAsync([.. changed.Select(c => Input(c.Name, c.Bytes))], Ct);
    }

    [Fact]
    public async Task Every_update_of_growing_snapshots_builds_the_bytes_of_a_merge_from_scratch()
    {
        var wholes = Enumerable.Range(0, 4).Select(s => Whole(s, 8)).ToList();
        var merge = new SnapshotMerge(new MergeOptions { ExpectedShards = 4 });
        var latest = new Dictionary<string, byte[]>();

        // Shards 0-2 from the start, one interval at a time; shard 3's first snapshot arrives at round 5, with 4 intervals.
        for (var round = 1; round <= 8; round++)
        {
            var changed = Enumerable.Range(0, 3).Select(s => ($"s{s}", Bytes(Snapshot(wholes[s], round)))).ToList();
            if (round >= 5)
                changed.Add(("s3", Bytes(Snapshot(wholes[3], round - 1))));
            Assert.Null(await UpdateAsync(merge, latest, [.. changed]));

            Assert.Equal(await FromScratchAsync(latest, 4), LoadOpsJson.Serialize(merge.Build()));
            Assert.Equal(latest.Count, merge.InputCount);
            Assert.Equal(Json(LiveSummary.Of(merge.Build())), Json(merge.Summarize()));
        }
    }

    /// <summary>A live summary as JSON, its locations spelt out (the serializer skips a tuple's fields).</summary>
    private static string Json(LiveSummary summary) =>
        LoadOpsJson.Serialize(new { summary.End, summary.Overall, Locations = summary.Locations.Select(l => new { l.Location, l.Metrics }) });

    [Fact]
    public async Task A_snapshot_given_again_unchanged_adds_nothing_twice()
    {
        var whole = Whole(1, 5);
        var merge = new SnapshotMerge();
        var latest = new Dictionary<string, byte[]>();
        Assert.Null(await UpdateAsync(merge, latest, ("s1", Bytes(Snapshot(whole, 3)))));

        Assert.Null(await UpdateAsync(merge, latest, ("s1", Bytes(Snapshot(whole, 3)))));
        Assert.Null(await UpdateAsync(merge, latest, ("s1", Bytes(Snapshot(whole, 3)))));

        Assert.Equal(await FromScratchAsync(latest, 1), LoadOpsJson.Serialize(merge.Build()));
        Assert.Equal(3 * 50 + 3, merge.Build().Health.Sum(h => h.Scheduled)); // 50, 51, 52: each sample once
    }

    [Fact]
    public async Task Intervals_whose_histogram_comes_before_their_start_are_added_once_too()
    {
        // Properties may come in any order: a histogram read before its start is staged, then taken back if merged already.
        static byte[] HistogramFirst(ResultFile snapshot)
        {
            var node = JsonNode.Parse(Bytes(snapshot))!;
            foreach (var step in node["steps"]!.AsArray())
            {
                var intervals = step!["intervals"]!.AsArray();
                for (var i = 0; i < intervals.Count; i++)
                {
                    var old = intervals[i]!.AsObject();
                    var reordered = new JsonObject { ["histogram"] = old["histogram"]!.DeepClone() };
                    foreach (var (key, value) in old.Where(p => p.Key != "histogram"))
                        reordered[key] = value!.DeepClone();
                    intervals[i] = reordered;
                }
            }
            return System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
        }
        var whole = Whole(2, 6);
        var merge = new SnapshotMerge();
        var latest = new Dictionary<string, byte[]>();

        Assert.Null(await UpdateAsync(merge, latest, ("s2", HistogramFirst(Snapshot(whole, 2)))));
        Assert.Null(await UpdateAsync(merge, latest, ("s2", HistogramFirst(Snapshot(whole, 5)))));

        Assert.Equal(await FromScratchAsync(latest, 1), LoadOpsJson.Serialize(merge.Build()));
    }

    [Fact]
    public async Task Merged_intervals_passed_over_by_their_bytes_may_hold_braces_quotes_and_escapes_in_their_strings()
    {
        var whole = Whole(3, 6);
        var tricky = whole with
        {
            Steps = [.. whole.Steps.Select(s => s with
            {
                Intervals = [.. s.Intervals.Select((i, n) => i with
                {
                    Errors = new Dictionary<string, long> { ["timeout"] = n + 1 },
                    ErrorSamples = new Dictionary<string, string> { ["timeout"] = $"\"}} {{\" \\ \u0022]}}, {n}" },
                })],
            })],
        };
        var merge = new SnapshotMerge();
        var latest = new Dictionary<string, byte[]>();

        foreach (var intervals in new[] { 2, 4, 6 })
            Assert.Null(await UpdateAsync(merge, latest, ("s3", Bytes(Snapshot(tricky, intervals)))));

        Assert.Equal(await FromScratchAsync(latest, 1), LoadOpsJson.Serialize(merge.Build()));
    }

    [Fact]
    public async Task A_merged_interval_that_changed_is_a_mismatch()
    {
        var whole = Whole(0, 4);
        var merge = new SnapshotMerge();
        Assert.Null(await merge.UpdateAsync([Input("s0", Bytes(Snapshot(whole, 2)))], Ct));
        var next = Snapshot(whole, 3);
        var step = next.Steps[1];
        var touched = next with { Steps = [next.Steps[0], step with { Intervals = [step.Intervals[0] with { Ok = step.Intervals[0].Ok + 1 }, .. step.Intervals.Skip(1)] }] };

        var mismatch = await merge.UpdateAsync([Input("s0", Bytes(touched))], Ct);

        Assert.Contains("changed intervals or health samples that were merged", mismatch, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merged_health_sample_that_changed_is_a_mismatch()
    {
        var whole = Whole(0, 4);
        var merge = new SnapshotMerge();
        Assert.Null(await merge.UpdateAsync([Input("s0", Bytes(Snapshot(whole, 2)))], Ct));
        var next = Snapshot(whole, 3);

        var mismatch = await merge.UpdateAsync([Input("s0", Bytes(next with { Health = [next.Health[0] with { Dropped = 99 }, .. next.Health.Skip(1)] }))], Ct);

        Assert.NotNull(mismatch);
    }

    [Fact]
    public async Task A_shard_that_started_over_is_a_mismatch()
    {
        var merge = new SnapshotMerge();
        Assert.Null(await merge.UpdateAsync([Input("s0", Bytes(Snapshot(Whole(0, 6), 4)))], Ct));

        var restarted = Whole(0, 6, seed: 1, start: ResultFiles.Start + TimeSpan.FromSeconds(60));
        var mismatch = await merge.UpdateAsync([Input("s0", Bytes(Snapshot(restarted, 1)))], Ct);

        Assert.Contains("started over", mismatch, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_snapshot_is_left_out_until_readable_but_one_merged_before_is_a_mismatch()
    {
        var merge = new SnapshotMerge(new MergeOptions { ExpectedShards = 2 });
        var latest = new Dictionary<string, byte[]>();
        var damaged = Snapshot(Whole(1, 3), 2) with { Version = ResultFile.CurrentVersion + 1 };
        Assert.Null(await UpdateAsync(merge, latest, ("s0", Bytes(Snapshot(Whole(0, 3), 2))), ("s1", Bytes(damaged))));
        Assert.Equal(1, merge.InputCount);
        Assert.Equal(await FromScratchAsync(latest, 2), LoadOpsJson.Serialize(merge.Build()));

        Assert.Null(await UpdateAsync(merge, latest, ("s1", Bytes(Snapshot(Whole(1, 3), 3)))));
        Assert.Equal(await FromScratchAsync(latest, 2), LoadOpsJson.Serialize(merge.Build()));

        var broken = Bytes(Snapshot(Whole(0, 3), 3))[..^10];
        Assert.Contains("can no longer be read", await merge.UpdateAsync([Input("s0", broken)], Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shard_seen_under_a_second_name_or_another_run_is_left_to_a_merge_from_scratch()
    {
        var merge = new SnapshotMerge();
        Assert.Null(await merge.UpdateAsync([Input("a", Bytes(Snapshot(Whole(0, 3), 2)))], Ct));

        Assert.Contains("again", await new SnapshotMerge().UpdateAsync([Input("a", Bytes(Snapshot(Whole(0, 3), 2))), Input("b", Bytes(Snapshot(Whole(0, 3), 2)))], Ct), StringComparison.Ordinal);
        Assert.Contains("another run", await merge.UpdateAsync([Input("c", Bytes(Snapshot(Whole(3, 3), 2) with { RunId = "run-2" }))], Ct), StringComparison.Ordinal);
        Assert.Null(merge.Remove("never-merged"));
        Assert.NotNull(merge.Remove("a"));
    }
}
