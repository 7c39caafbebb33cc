using LoadOps.Runner.Execution;
using LoadOps.Runner.Recording;

namespace LoadOps.Runner.Load;

/// <summary>
/// Runs one iteration for a virtual user: picks a scenario by weight and runs its steps in order, recording
/// each. The first step's latency counts from the intended start (coordinated-omission correct); a failed step
/// ends the iteration, since later steps usually depend on it.
/// </summary>
internal sealed class IterationRunner(PreparedShard shard, StepExecutor executor, ShardRecorder recorder)
{
    public async Task RunAsync(VirtualUser user, long intendedStart, CancellationToken stop, CancellationToken abort)
    {
        var scenario = shard.PickScenario();
        var start = intendedStart;
        for (var i = 0; i < scenario.Steps.Count; i++)
        {
            if (i > 0)
            {
                if (stop.IsCancellationRequested)
                    break;
                start = recorder.Clock.Now;
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
            recorder.Record(step.Index, start, recorder.Clock.Now, outcome);
            if (outcome.Kind != Outcome.Ok)
                break;
        }
        user.Iteration++;
        recorder.RecordIteration(recorder.Clock.Now);
    }
}
