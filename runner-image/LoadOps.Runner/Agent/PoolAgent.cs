using System.Text.Json;
using LoadOps.Cloud.Pools;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Serialization;
using LoadOps.Runner.Cli;
using LoadOps.Runner.Execution;
using Microsoft.Extensions.Logging;

namespace LoadOps.Runner.Agent;

/// <summary>
/// <c>loadops-runner agent</c>: polls the pool's work queue and runs one shard at a time through the same
/// <see cref="ShardRunner"/> as <c>shard --spec</c>, keeping the item locked while it runs and uploads. On start it first
/// reports what a previous run of the agent left in its outbox. <paramref name="drain"/> (SIGTERM) stops taking work and
/// ends the current shard early (a partial result), which is still uploaded and reported; then the agent returns.
/// Shards' progress goes to <paramref name="output"/>; the agent's own events to <paramref name="log"/> (by default
/// lines on the same writer).
/// </summary>
internal sealed class PoolAgent(AgentSettings settings, IWorkQueue queue, TextWriter output, ILogger? log = null)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);
    private readonly ILogger _log = log ?? LineLoggerProvider.For(output, settings.Time, "agent");
    private ResultOutbox Outbox => field ??= new(settings.WorkDirectory, settings.Time, _log);

    /// <summary>Runs until drained (returns 0) or until the queue refuses for good (returns 1, the reason logged).</summary>
    public async Task<int> RunAsync(CancellationToken drain, CancellationToken abort)
    {
        Directory.CreateDirectory(settings.WorkDirectory);
        AgentLog.Started(_log, settings.Pool, queue.Name, settings.WorkDirectory);
        foreach (var folder in Outbox.PendingFolders())
            await Outbox.ReportAsync(folder, abort);

        var backoff = settings.PollInterval;
        while (!drain.IsCancellationRequested)
        {
            WorkItem? item;
            try
            {
                item = await queue.ReceiveAsync(drain);
            }
            catch (OperationCanceledException) when (drain.IsCancellationRequested)
            {
                break;
            }
            catch (WorkQueueException e) when (e.Failure == WorkQueueFailure.Refused)
            {
                AgentLog.QueueRefused(_log, e.Message);
                return 1;
            }
            catch (WorkQueueException e)
            {
                AgentLog.QueueRetrying(_log, e.Message, (int)backoff.TotalSeconds);
                await DelayAsync(backoff, drain);
                backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
                continue;
            }

            backoff = settings.PollInterval;
            if (item is null)
                await DelayAsync(settings.PollInterval, drain);
            else
                await HandleAsync(item, drain, abort);
        }
        AgentLog.Drained(_log);
        return 0;
    }

    /// <summary>
    /// <c>shard --queue</c> (an ECS task): takes ONE item, waiting at most <paramref name="wait"/> for it, runs, uploads
    /// and reports it, deletes it, and returns the exit code (<see cref="RunnerExitCodes"/>): 0 reported complete,
    /// 3 reported partial, 1 nothing arrived, the queue refused or the result could not be reported, 2 unusable item.
    /// </summary>
    public async Task<int> RunOneAsync(TimeSpan wait, CancellationToken drain, CancellationToken abort)
    {
        Directory.CreateDirectory(settings.WorkDirectory);
        AgentLog.TakingOne(_log, queue.Name);
        var until = settings.Time.GetUtcNow() + wait;
        while (!drain.IsCancellationRequested && settings.Time.GetUtcNow() < until)
        {
            WorkItem? item;
            try
            {
                item = await queue.ReceiveAsync(drain);
            }
            catch (OperationCanceledException) when (drain.IsCancellationRequested)
            {
                break;
            }
            catch (WorkQueueException e) when (e.Failure == WorkQueueFailure.Refused)
            {
                AgentLog.QueueRefused(_log, e.Message);
                return RunnerExitCodes.Failed;
            }
            catch (WorkQueueException e)
            {
                AgentLog.QueueRetrying(_log, e.Message, (int)settings.PollInterval.TotalSeconds);
                item = null;
            }
            if (item is not null)
                return await HandleAsync(item, drain, abort);
            await DelayAsync(settings.PollInterval, drain);
        }
        if (drain.IsCancellationRequested)
            AgentLog.StoppedBeforeShard(_log);
        else
            AgentLog.NoShardArrived(_log, (int)wait.TotalSeconds);
        return RunnerExitCodes.Failed;
    }

    private async Task<int> HandleAsync(WorkItem item, CancellationToken drain, CancellationToken abort)
    {
        var work = Read(item);
        if (work is null)
        {
            AgentLog.NotAWorkItem(_log, item.Id);
            await SettleAsync(item, complete: true, abort);
            return RunnerExitCodes.Usage;
        }

        var spec = work.Spec;
        if (Outbox.IsReported(spec.ShardId) || settings.Time.GetUtcNow() >= work.ExpiresOn)
        {
            var reported = Outbox.IsReported(spec.ShardId);
            AgentLog.SettledWithoutRunning(_log, spec.ShardId, reported ? "already reported by this agent" : "its run's deadline has passed");
            await SettleAsync(item, complete: true, abort);
            return reported ? RunnerExitCodes.Complete : RunnerExitCodes.Failed;
        }

        AgentLog.Received(_log, spec.ShardId, item.DeliveryCount);
        var folder = await Outbox.KeepAsync(work, abort);
        int code;
        var keeper = new LockKeeper(queue, item, queue is StorageWorkQueue ? settings.LockDuration / 3 : settings.HeartbeatInterval, settings.Time, _log);
        await using (keeper)
        {
            var options = new ShardRunnerOptions { Output = output, Transport = settings.Transport, Time = settings.Time };
            ShardRunResult run;
            await using (InterimUploader.Start(work, folder, settings.Time, _log))
                run = await ShardRunner.RunAsync(spec, folder, drain, options);
            if (!run.Started)
            {
                foreach (var problem in run.Errors)
                    AgentLog.CannotRun(_log, spec.ShardId, problem);
                Directory.Delete(folder, recursive: true);
                var drop = item.DeliveryCount >= settings.MaxDeliveries;
                if (drop)
                    AgentLog.DroppedItem(_log, spec.ShardId, item.DeliveryCount);
                else
                    AgentLog.HandedBack(_log, spec.ShardId);
                await keeper.DisposeAsync();
                await SettleAsync(keeper.Current, complete: drop, abort);
                return RunnerExitCodes.Usage;
            }
            code = !await Outbox.ReportAsync(folder, abort) ? RunnerExitCodes.Failed
                : run.Result!.Status == Core.Results.ResultStatus.Complete ? RunnerExitCodes.Complete : RunnerExitCodes.Partial;
        }
        await SettleAsync(keeper.Current, complete: true, abort);
        return code;
    }

    private static PoolWorkItem? Read(WorkItem item)
    {
        try
        {
            var work = JsonSerializer.Deserialize<PoolWorkItem>(item.Body, LoadOpsJson.Compact);
            var id = work?.Spec?.ShardId;
            return id is null || id.Length == 0 || id.IndexOfAny(['/', '\\']) >= 0 || id is "." or ".." ? null : work;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Completes or abandons; a lost lock or a failure is only logged: the done marker makes a redelivery harmless.</summary>
    private async Task SettleAsync(WorkItem item, bool complete, CancellationToken cancellationToken)
    {
        try
        {
            if (complete)
                await queue.CompleteAsync(item, cancellationToken);
            else
                await queue.AbandonAsync(item, cancellationToken);
        }
        catch (WorkQueueException e)
        {
            AgentLog.SettleFailed(_log, item.Id, e.Message);
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken drain)
    {
        try
        {
            await Task.Delay(delay, settings.Time, drain);
        }
        catch (OperationCanceledException) when (drain.IsCancellationRequested)
        {
            // Draining: the loop ends.
        }
    }
}
