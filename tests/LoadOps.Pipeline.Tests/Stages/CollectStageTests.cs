using LoadOps.Core.Pipeline;
using LoadOps.Pipeline.Tests.Scene;

namespace LoadOps.Pipeline.Tests.Stages;

/// <summary>Collect in memory: which reports count, when the merge happens, and what the deadline sweep gives up on.</summary>
public sealed class CollectStageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(StageScene Scene, RunRecord Run)> DispatchedAsync(string requestId)
    {
        var scene = new StageScene();
        return (scene, await scene.RequestAsync(StageScene.Push(requestId), Ct));
    }

    private static async Task<ShardDone> UploadAsync(StageScene scene, int shard)
    {
        var spec = scene.Launcher.Launched[shard];
        var blob = await scene.Stores.Results.PutShardResultAsync(ShardResults.For(spec), Ct);
        return new ShardDone(spec.RunId, spec.ShardId, blob);
    }

    [Fact]
    public async Task The_first_report_moves_the_run_to_running_and_the_last_one_merges_and_asks_for_evaluation()
    {
        var (scene, run) = await DispatchedAsync("k-1");

        var first = await scene.Stages.Collect.HandleAsync(await UploadAsync(scene, 0), Ct);
        Assert.Empty(first.Next);
        Assert.Equal(RunStatus.Running, (await scene.Stores.Runs.GetAsync(run.RunId, Ct))!.Status);

        var last = await scene.Stages.Collect.HandleAsync(await UploadAsync(scene, 1), Ct);
        Assert.IsType<EvaluateRun>(Assert.Single(last.Next));
        var merged = await scene.Stores.Runs.GetAsync(run.RunId, Ct);
        Assert.Equal(RunStatus.Evaluating, merged!.Status);
        Assert.Equal(ArtifactNames.MergedBlobName(run.RunId), merged.ResultBlobName);
    }

    [Fact]
    public async Task A_duplicate_report_counts_nothing_twice()
    {
        var (scene, run) = await DispatchedAsync("k-2");
        var done = await UploadAsync(scene, 0);

        await scene.Stages.Collect.HandleAsync(done, Ct);
        var again = await scene.Stages.Collect.HandleAsync(done, Ct);

        Assert.StartsWith("duplicate: ", again.Note, StringComparison.Ordinal);
        var stored = await scene.Stores.Runs.GetAsync(run.RunId, Ct);
        Assert.Equal(1, stored!.ShardsDone);
        Assert.Equal(RunStatus.Running, stored.Status);
    }

    [Fact]
    public async Task A_report_naming_another_shards_blob_or_sent_before_the_upload_is_ignored()
    {
        var (scene, run) = await DispatchedAsync("k-3");
        var own = await UploadAsync(scene, 0);
        var other = scene.Launcher.Launched[1];

        var forged = await scene.Stages.Collect.HandleAsync(own with { ShardId = other.ShardId }, Ct);
        var early = await scene.Stages.Collect.HandleAsync(new ShardDone(run.RunId, other.ShardId, ArtifactNames.ShardBlobName(run.RunId, other.ShardId)), Ct);

        Assert.Contains("not its own", forged.Note, StringComparison.Ordinal);
        Assert.Contains("before its result blob exists", early.Note, StringComparison.Ordinal);
        Assert.Equal(ShardStatus.Launched, (await scene.Stores.Shards.GetAsync(run.RunId, other.ShardId, Ct))!.Status);
        Assert.Equal(0, (await scene.Stores.Runs.GetAsync(run.RunId, Ct))!.ShardsDone);
    }

    [Fact]
    public async Task Before_the_deadline_the_sweep_waits_and_after_it_merges_what_reported_without_the_missing_shard()
    {
        var (scene, run) = await DispatchedAsync("k-4");
        await scene.Stages.Collect.HandleAsync(await UploadAsync(scene, 0), Ct);

        var early = await scene.Stages.Collect.SweepAsync(scene.Clock.GetUtcNow(), Ct);
        Assert.Empty(early.Next);

        scene.Clock.Advance(run.Deadline!.Value - scene.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        var swept = await scene.Stages.Collect.SweepAsync(scene.Clock.GetUtcNow(), Ct);

        Assert.IsType<EvaluateRun>(Assert.Single(swept.Next));
        var stored = await scene.Stores.Runs.GetAsync(run.RunId, Ct);
        Assert.Equal(RunStatus.Evaluating, stored!.Status);
        Assert.Equal((1, 1), (stored.ShardsDone, stored.ShardsMissing));
        Assert.Contains("missing (No result by the deadline", stored.StatusReason, StringComparison.Ordinal);
        var late = await scene.Stages.Collect.HandleAsync(await UploadAsync(scene, 1), Ct);
        Assert.Contains("after it was given up", late.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_whose_every_shard_went_missing_fails_and_its_check_run_is_closed()
    {
        var (scene, run) = await DispatchedAsync("k-5");
        scene.Clock.Advance(run.Deadline!.Value - scene.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));

        await scene.Stages.Collect.SweepAsync(scene.Clock.GetUtcNow(), Ct);

        var stored = await scene.Stores.Runs.GetAsync(run.RunId, Ct);
        Assert.Equal(RunStatus.Failed, stored!.Status);
        Assert.StartsWith("No shard produced a result", stored.StatusReason, StringComparison.Ordinal);
        Assert.Contains($"failed:{run.RunId}", scene.Publisher.Posts);
    }

    [Fact]
    public async Task A_damaged_shard_result_is_one_problem_in_the_merge_not_a_failed_stage()
    {
        var (scene, run) = await DispatchedAsync("k-6");
        var good = await UploadAsync(scene, 0);
        var spec = scene.Launcher.Launched[1];
        var damaged = await scene.Stores.Results.PutShardResultAsync(ShardResults.For(spec) with { DefinitionHash = "sha256:another-definition" }, Ct);

        await scene.Stages.Collect.HandleAsync(good, Ct);
        var outcome = await scene.Stages.Collect.HandleAsync(new ShardDone(run.RunId, spec.ShardId, damaged), Ct);

        Assert.IsType<EvaluateRun>(Assert.Single(outcome.Next));
        Assert.Contains(spec.ShardId, (await scene.Stores.Runs.GetAsync(run.RunId, Ct))!.StatusReason, StringComparison.Ordinal);
    }
}
