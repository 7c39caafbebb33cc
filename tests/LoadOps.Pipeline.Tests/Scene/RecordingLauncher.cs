using LoadOps.Core.Planning;

namespace LoadOps.Pipeline.Tests.Scene;

/// <summary>
/// Starts nothing: records every shard it is asked to launch and answers a handle, or a refusal for a location in
/// <see cref="RefusedLocations"/>. The test then plays the runners (<see cref="StageScene.ReportAsync"/>).
/// </summary>
internal sealed class RecordingLauncher : IShardLauncher
{
    private readonly List<ShardSpec> _launched = [];

    public HashSet<string> RefusedLocations { get; } = new(StringComparer.Ordinal);

    /// <summary>Launches answer cloud handles the runner sweep must release (as ACI and ECS do).</summary>
    public bool Cloud { get; init; }

    public IReadOnlyList<ShardSpec> Launched
    {
        get { lock (_launched) return [.. _launched]; }
    }

    public Task<ShardLaunch> LaunchAsync(ShardSpec spec, CancellationToken cancellationToken)
    {
        if (RefusedLocations.Contains(spec.Location))
            return Task.FromResult(ShardLaunch.Refused($"no capacity in {spec.Location}"));
        lock (_launched)
            _launched.Add(spec);
        var handle = "runner-" + spec.ShardId;
        return Task.FromResult(Cloud ? ShardLaunch.Cloud(handle) : ShardLaunch.Running(handle));
    }
}
