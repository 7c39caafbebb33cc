using LoadOps.Core.Pipeline;
using Microsoft.Extensions.Time.Testing;
using LoadOps.Pipeline.Memory;
using LoadOps.Pipeline.Tests.Scene;

namespace LoadOps.Pipeline.Tests.Stages;

/// <summary>The poisoned-message path in memory (no Azurite): which run fails, with which reason, and who is told.</summary>
public sealed class PoisonedRunsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly InMemoryRunRepository _runs = new(new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero)));
    private readonly RecordingPublisher _publisher = new();

    private PoisonedRuns Poisoned => new(_runs, new FailedRuns(_runs, _publisher));

    private static RunRecord Run(string runId) => new()
    {
        RunId = runId, TestName = "checkout", DefinitionHash = "sha256:abc", Repo = "octo/shop", Commit = "0123456789abcdef", Trigger = RunTrigger.Push,
    };

    [Fact]
    public async Task A_poisoned_stage_message_fails_its_run_with_the_stage_and_the_last_error_and_tells_the_publisher()
    {
        await _runs.CreateAsync(Run("r1"), Ct);
        var message = new PoisonedMessage<EvaluateRun>("m1", "{}", new EvaluateRun("r1"), 5, "gave up after 5 deliveries; last error: IOException: disk full");

        var note = await Poisoned.FailAsync(StageQueueNames.Evaluate, message, Ct);

        var run = await _runs.GetAsync("r1", Ct);
        Assert.Equal(RunStatus.Failed, run!.Status);
        Assert.Equal($"The {StageQueueNames.Evaluate} stage gave up on the run: gave up after 5 deliveries; last error: IOException: disk full", run.StatusReason);
        Assert.Equal(["failed:r1"], _publisher.Posts);
        Assert.StartsWith("Run r1: ", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_poisoned_request_for_one_test_leaves_a_failed_run_at_the_id_a_gate_polls()
    {
        var request = new RunRequest { RequestId = "api-1", Trigger = RunTrigger.Api, Repository = "octo/shop", Commit = "0123456789abcdef", Branch = "main", TestName = "checkout" };

        await Poisoned.FailAsync(StageQueueNames.Validate, new PoisonedMessage<RunRequest>("m2", "{}", request, 5, "No definition source"), Ct);

        var run = await _runs.GetAsync(RunIds.For("api-1", "checkout"), Ct);
        Assert.Equal(RunStatus.Failed, run!.Status);
        Assert.Contains("No definition source", run.StatusReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_that_names_no_run_is_only_noted_and_a_finished_run_stays_as_it_is()
    {
        await _runs.CreateAsync(Run("r2"), Ct);
        await _runs.TransitionAsync("r2", RunStatus.Failed, "first cause", Ct);

        var undecodable = await Poisoned.FailAsync<ShardDone>(StageQueueNames.Collect, new PoisonedMessage<ShardDone>("m3", "plain text", null, 1, "not JSON"), Ct);
        await Poisoned.FailAsync(StageQueueNames.Collect, new PoisonedMessage<ShardDone>("m4", "{}", new ShardDone("r2", "r2-s000", "b"), 5, "later cause"), Ct);

        Assert.Contains("moved to the poison queue: not JSON", undecodable, StringComparison.Ordinal);
        Assert.Equal("first cause", (await _runs.GetAsync("r2", Ct))!.StatusReason);
        Assert.Empty(_publisher.Posts);
    }
}
