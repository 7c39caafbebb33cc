using LoadOps.Cloud.Aci;
using LoadOps.Cloud.Ecs;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Pipeline;

/// <summary>
/// Checks and releases the cloud resources behind a handle from <see cref="LocationLauncher"/>: deletes an ACI
/// container group, stops an ECS task. Handles of other launchers (local processes, pools) are not ours.
/// </summary>
public sealed class RunnerTeardown(AciLauncher? aci, EcsLauncher? ecs) : IRunnerTeardown
{
    public bool Owns(string? handle) =>
        handle is not null && (handle.StartsWith(LocationLauncher.AciPrefix, StringComparison.Ordinal) || handle.StartsWith(LocationLauncher.EcsPrefix, StringComparison.Ordinal));

    /// <summary>
    /// The cloud handle of a shard's runner, or null when it holds nothing this class releases. A shard whose launch
    /// never recorded its handle (<c>launching:azure/…</c>) is resolved to the group its name would have; an ECS task
    /// started that way cannot be found without ListTasks, which the launcher role does not hold.
    /// </summary>
    public string? Resolve(string shardId, string? handle)
    {
        if (Owns(handle))
            return handle;
        if (aci is not null && handle is not null && handle.StartsWith(ShardLaunch.LaunchingPrefix + "azure/", StringComparison.Ordinal))
            return LocationLauncher.AciPrefix + aci.ResourceId(AciLauncher.GroupName(shardId));
        return null;
    }

    public Task<RunnerCheck> CheckAsync(string handle, CancellationToken cancellationToken) => ProviderCallAsync(() => CheckWithProviderAsync(handle, cancellationToken));

    /// <summary>Deletes the group or stops the task; a resource that is already gone counts as released.</summary>
    public Task TearDownAsync(string handle, string reason, CancellationToken cancellationToken) =>
        ProviderCallAsync(async () => { await TearDownWithProviderAsync(handle, reason, cancellationToken); return true; });

    /// <summary>The provider's own failures become the sweep's one retryable kind.</summary>
    private static async Task<T> ProviderCallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is AciException or EcsException or HttpRequestException or Azure.Identity.AuthenticationFailedException)
        {
            throw new RunnerTeardownException(e.Message, e);
        }
    }

    private async Task<RunnerCheck> CheckWithProviderAsync(string handle, CancellationToken cancellationToken)
    {
        if (AciId(handle) is { } id)
        {
            var state = await Aci().GetStateAsync(id, cancellationToken);
            return new RunnerCheck(state.IsFinished, state.IsFinished && !state.Succeeded,
                $"container group {state.ProvisioningState}/{state.State ?? "-"}" + (state.ExitCode is { } code ? $", exit code {code}" : "") + (state.Detail is null ? "" : $" ({state.Detail})"));
        }
        var arn = EcsArn(handle);
        var task = (await Ecs().DescribeAsync([arn], cancellationToken)).FirstOrDefault();
        if (task is null)
            return new RunnerCheck(true, true, "ECS does not know the task");
        return new RunnerCheck(task.IsStopped, task.IsStopped && !task.Succeeded,
            $"task {task.LastStatus}" + (task.ExitCode is { } exit ? $", exit code {exit}" : "") + (task.StoppedReason is null ? "" : $" ({task.StoppedReason})"));
    }

    private async Task TearDownWithProviderAsync(string handle, string reason, CancellationToken cancellationToken)
    {
        if (AciId(handle) is { } id)
        {
            await Aci().DeleteAsync(id, cancellationToken);
            return;
        }
        try
        {
            await Ecs().StopAsync(EcsArn(handle), "LoadOps: " + reason, cancellationToken);
        }
        catch (EcsException e) when (e.ErrorType is "InvalidParameterException" && e.Message.Contains("not found", StringComparison.OrdinalIgnoreCase))
        {
            // ECS forgot the task: nothing runs there any more.
        }
    }

    private static string? AciId(string handle) =>
        handle.StartsWith(LocationLauncher.AciPrefix, StringComparison.Ordinal) ? handle[LocationLauncher.AciPrefix.Length..] : null;

    /// <summary><c>ecs:{region}:{arn}</c>; the ARN itself holds colons.</summary>
    private static string EcsArn(string handle)
    {
        if (!handle.StartsWith(LocationLauncher.EcsPrefix, StringComparison.Ordinal))
            throw new ArgumentException($"'{handle}' is not a handle of a cloud runner.", nameof(handle));
        var rest = handle[LocationLauncher.EcsPrefix.Length..];
        return rest[(rest.IndexOf(':', StringComparison.Ordinal) + 1)..];
    }

    private AciLauncher Aci() => aci ?? throw new InvalidOperationException("A container group is recorded but LoadOps:Aci is not configured any more: delete it by hand or configure LoadOps:Aci.");

    private EcsLauncher Ecs() => ecs ?? throw new InvalidOperationException("An ECS task is recorded but LoadOps:Ecs is not configured any more: stop it by hand or configure LoadOps:Ecs.");
}
