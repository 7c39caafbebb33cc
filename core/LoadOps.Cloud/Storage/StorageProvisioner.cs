using LoadOps.Pipeline;

namespace LoadOps.Cloud.Storage;

/// <summary>Creates every table, blob container and stage queue that is missing. Safe to run at every start.</summary>
public sealed class StorageProvisioner(StorageClients clients)
{
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var names = clients.Names;
        var work = new List<Task>();
        work.AddRange(names.Tables.Select(t => clients.Tables.CreateTableIfNotExistsAsync(t, cancellationToken)));
        work.AddRange(names.Containers.Select(c => clients.Blobs.GetBlobContainerClient(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        work.AddRange(names.Queues.Select(q => clients.Queues.GetQueueClient(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        await Task.WhenAll(work);
    }

    /// <summary>Creates the shard queue of a runner location (and its poison queue) if missing; returns its name.</summary>
    public async Task<string> EnsureShardQueueAsync(string location, CancellationToken cancellationToken)
    {
        var name = clients.Names.ShardQueue(location);
        await clients.Queues.GetQueueClient(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await clients.Queues.GetQueueClient(StageQueueNames.PoisonOf(name)).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return name;
    }
}
