namespace LoadOps.Pipeline;

/// <summary>For a host that launches no cloud runner: no handle is ever its to release.</summary>
public sealed class NoRunnerTeardown : IRunnerTeardown
{
    public static NoRunnerTeardown Instance { get; } = new();

    public string? Resolve(string shardId, string? handle) => null;

    public Task<RunnerCheck> CheckAsync(string handle, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"No cloud runner is configured, so '{handle}' cannot be checked.");

    public Task TearDownAsync(string handle, string reason, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"No cloud runner is configured, so '{handle}' cannot be released.");
}
