namespace LoadOps.Pipeline;

/// <summary>
/// Checks and releases the cloud resources behind a runner's handle (an ACI container group, an ECS task) for the
/// <see cref="RunnerSweep"/>. A provider failure is a <see cref="RunnerTeardownException"/>: the sweep tries again later.
/// </summary>
public interface IRunnerTeardown
{
    /// <summary>The cloud handle of a shard's runner, or null when it holds nothing this teardown releases.</summary>
    string? Resolve(string shardId, string? handle);

    Task<RunnerCheck> CheckAsync(string handle, CancellationToken cancellationToken);

    /// <summary>Deletes or stops the runner; a resource that is already gone counts as released.</summary>
    Task TearDownAsync(string handle, string reason, CancellationToken cancellationToken);
}
