using Azure;
using LoadOps.Cloud.Ecs;
using LoadOps.Core.Planning;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Pipeline;

/// <summary>
/// Starts the ECS runners of one run at one location. Fargate tasks are interchangeable: each takes one spec from the
/// location's shard queue, whose URL with a take-only SAS (process + update, expiring at the deadline) is in
/// <c>LOADOPS_SHARD_QUEUE</c>; the image's default command (<c>loadops-runner shard</c>) then runs
/// <c>shard --queue</c>. N shards are ⌈N/10⌉ RunTask calls. The items carry the upload and ShardDone grants
/// (<see cref="ShardQueueWriter"/>): the 8 KiB limit of RunTask overrides could not hold a spec. Specs are queued only
/// for tasks that ECS did start, so every queued spec has a runner; a shard without a task (a 200 answer listing
/// <c>failures</c>, or an error) is refused with ECS's reason.
/// </summary>
internal sealed class EcsBatchLaunch(EcsLauncher ecs, ShardQueueWriter queue, string region, IReadOnlyDictionary<string, string> environment)
{
    public const string QueueVariable = "LOADOPS_SHARD_QUEUE";
    public const string RunVariable = "LOADOPS_RUN_ID";

    /// <summary>Shard specs queued at once for the started tasks.</summary>
    public const int QueueSendConcurrency = 8;

    public async Task<IReadOnlyList<ShardLaunch>> LaunchAsync(IReadOnlyList<ShardSpec> specs, CancellationToken cancellationToken)
    {
        EcsLaunchResult result;
        try
        {
            var variables = new Dictionary<string, string>(environment)
            {
                [QueueVariable] = (await queue.TakeUriAsync(specs[0], cancellationToken)).AbsoluteUri,
                [RunVariable] = specs[0].RunId,
            };
            result = await ecs.LaunchAsync(specs[0].RunId, specs.Count, variables, cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException
            || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A TaskCanceledException that is not ours is HttpClient's timeout on the last attempt.
            return specs.Select(_ => ShardLaunch.Refused("ECS could not be called: " + e.Message)).ToArray();
        }
        catch (RequestFailedException e)
        {
            // The SDK's text may quote URLs: only the status goes into the reason.
            return specs.Select(_ => ShardLaunch.Refused($"the shard queue or its grant could not be made ({e.Status} {e.ErrorCode})")).ToArray();
        }

        // Each started task gets one spec on the queue; the sends are independent, so several are in flight at once.
        var launches = new ShardLaunch[specs.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, specs.Count),
            new ParallelOptions { MaxDegreeOfParallelism = QueueSendConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => launches[i] = await QueueSpecAsync(specs, i, result, ct));
        return launches;
    }

    private async Task<ShardLaunch> QueueSpecAsync(IReadOnlyList<ShardSpec> specs, int i, EcsLaunchResult result, CancellationToken cancellationToken)
    {
        if (i >= result.TaskArns.Count)
        {
            return ShardLaunch.Refused(
                $"ECS started {result.TaskArns.Count} of {specs.Count} runner tasks in {region}: " +
                string.Join("; ", result.Failures.Select(f => f.Detail is null ? f.Reason : $"{f.Reason} ({f.Detail})")));
        }
        var handle = $"{LocationLauncher.EcsPrefix}{region}:{result.TaskArns[i]}";
        try
        {
            await queue.SendAsync(specs[i], cancellationToken);
            return ShardLaunch.Cloud(handle);
        }
        catch (Exception e) when (e is RequestFailedException or ArgumentException)
        {
            // The task would wait for work that never comes: stop it now. The SDK's text may quote URLs.
            var why = e is RequestFailedException r ? $"{r.Status} {r.ErrorCode}" : e.Message;
            return ShardLaunch.Refused($"the shard spec could not be queued ({why}); {await StopAsync(result.TaskArns[i], cancellationToken)}");
        }
    }

    private async Task<string> StopAsync(string taskArn, CancellationToken cancellationToken)
    {
        try
        {
            await ecs.StopAsync(taskArn, "LoadOps: the shard spec could not be queued", cancellationToken);
            return $"task {taskArn} was stopped";
        }
        catch (EcsException e)
        {
            return $"task {taskArn} could not be stopped ({e.Message}); stop it by hand";
        }
    }
}
