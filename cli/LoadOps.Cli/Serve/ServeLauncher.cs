using LoadOps.Cloud.Pools;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Definitions;
using LoadOps.Core.Planning;
using LoadOps.Pipeline;
using Microsoft.Extensions.Configuration;

namespace LoadOps.Cli.Serve;

/// <summary>
/// Dispatch of <c>loadops serve</c> by location: <c>pool/NAME</c> shards go on the pool's work queue for BYO agents
/// (<see cref="PoolLauncher"/>, Storage queue by default, per the <c>LoadOps:Pools</c> settings); everything else goes to
/// the local runner processes, which refuse the cloud locations. Disposing it closes the pools' Service Bus connections.
/// </summary>
internal sealed class ServeLauncher(IShardLauncher local, IShardLauncher pools) : IShardLauncher, IAsyncDisposable
{
    /// <remarks>Incomplete pool settings never get here: the shared registration refuses them at start.</remarks>
    public static ServeLauncher Create(StorageClients clients, IConfiguration configuration, LocalRunnerLauncher local, TimeProvider clock) =>
        new(local, PoolLauncher.Create(clients, PoolOptionsReader.Read(configuration.AsEnumerable()).Pools, clock));

    public ValueTask DisposeAsync() => pools is IAsyncDisposable owned ? owned.DisposeAsync() : ValueTask.CompletedTask;

    public Task<ShardLaunch> LaunchAsync(ShardSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var isPool = RunnerLocation.TryParse(spec.Location, out var location) && location.Kind == RunnerKind.Pool;
        return (isPool ? pools : local).LaunchAsync(spec, cancellationToken);
    }
}
