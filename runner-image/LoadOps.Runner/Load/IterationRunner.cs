using System.Runtime.CompilerServices;
using LoadOps.Runner.Execution;
using LoadOps.Runner.Recording;

namespace LoadOps.Runner.Load;

/// <summary>
/// Runs one iteration for a virtual user: picks a scenario by weight and runs its steps in order, recording
/// each, pausing for a step's <c>think</c> time after it. The first step's latency counts from the intended start (coordinated-omission correct); a failed step
/// ends the iteration, since later steps usually depend on it.
/// </summary>
internal sealed class IterationRunner(PreparedShard shard, StepExecutor executor, ShardRecorder recorder, TimeProvider time)
{
    // Pooled: one iteration per request on the hot path, and a Task's box would be allocated for each.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask RunAsync(VirtualUser user, long intendedStart, CancellationToken stop, CancellationToken abort)
    {
        if (!shard.Data.Bind(user))
            return;
        var scenario = shard.PickScenario();
        var start = intendedStart;
        // One clock read per step: a step's end is the next step's start (and, after a think, the think's end is).
        var end = start;
        for (var i = 0; i < scenario.Steps.Count; i++)
        {
            if (i > 0)
            {
                if (stop.IsCancellationRequested)
                    break;
                start = end;
            }
            var step = scenario.Steps[i];
            recorder.Started();
            StepOutcome outcome;
            try
            {
                outcome = await executor.ExecuteAsync(step, user, abort);
            }
            finally
            {
                recorder.Finished();
            }
            if (outcome.WasAborted)
                return;
            end = recorder.Clock.Now;
            recorder.Record(step.Index, start, end, outcome);
            if (outcome.Kind != Outcome.Ok)
                break;
            if (step.Think > TimeSpan.Zero)
            {
                var thought = await ThinkAsync(step.Think, stop);
                end = recorder.Clock.Now;
                if (!thought)
                    break;
            }
        }
        user.Iteration++;
        recorder.RecordIteration(end);
    }

    /// <summary>The step's think time; false when the run is stopping (a stopping user does not wait out its pause).</summary>
    private async Task<bool> ThinkAsync(TimeSpan think, CancellationToken stop)
    {
        try
        {
            await Task.Delay(think, time, stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
