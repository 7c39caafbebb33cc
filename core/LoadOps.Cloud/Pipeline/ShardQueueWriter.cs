using LoadOps.Cloud.Storage;
using LoadOps.Core.Planning;

namespace LoadOps.Cloud.Pipeline;

/// <summary>Puts shard specs on their location's shard queue, where interchangeable runners (ECS tasks) take them.</summary>
public sealed class ShardQueueWriter(StorageClients clients)
{
    private readonly StorageProvisioner _provisioner = new(clients);

    public string QueueName(string location) => clients.Names.ShardQueue(location);

    public async Task SendAsync(ShardSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var name = await _provisioner.EnsureShardQueueAsync(spec.Location, cancellationToken);
        await new StageQueue(clients, name).SendAsync(spec, cancellationToken);
    }
}
