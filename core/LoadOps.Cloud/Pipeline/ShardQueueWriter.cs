using System.Text.Json;
using LoadOps.Cloud.Pools;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;
using LoadOps.Core.Serialization;

namespace LoadOps.Cloud.Pipeline;

/// <summary>
/// Puts work on a location's shard queue, where interchangeable runners (ECS tasks running
/// <c>loadops-runner shard --queue URL</c>) take one item each. An item is a <see cref="PoolWorkItem"/>: the spec plus the
/// SAS grants to upload its result and send <see cref="ShardDone"/>, so no storage key goes into the task. It expires
/// unread at the run's deadline, as the grants do.
/// </summary>
public sealed class ShardQueueWriter(StorageClients clients, PoolGrants grants, TimeProvider clock)
{
    private readonly StorageProvisioner _provisioner = new(clients);

    public string QueueName(string location) => clients.Names.ShardQueue(location);

    /// <summary>When the grants of <paramref name="spec"/> expire: its deadline.</summary>
    public DateTimeOffset ExpiresOn(ShardSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Deadline ?? clock.GetUtcNow() + PoolGrants.DefaultValidity;
    }

    /// <summary>The URL a runner of <paramref name="spec"/>'s location takes its item with (process + update on that queue only).</summary>
    public async Task<Uri> TakeUriAsync(ShardSpec spec, CancellationToken cancellationToken)
    {
        var name = await _provisioner.EnsureShardQueueAsync(spec.Location, cancellationToken);
        return await grants.CreateTakeUriAsync(name, ExpiresOn(spec), cancellationToken);
    }

    public async Task SendAsync(ShardSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var expiresOn = ExpiresOn(spec);
        var timeToLive = expiresOn - clock.GetUtcNow();
        if (timeToLive <= TimeSpan.Zero)
            throw new ArgumentException($"the run's deadline {expiresOn:O} has passed; the shard was not queued", nameof(spec));
        var item = await grants.CreateAsync(spec, expiresOn, cancellationToken);
        var json = JsonSerializer.Serialize(item, LoadOpsJson.Compact);
        if (System.Text.Encoding.UTF8.GetByteCount(json) > StorageWorkQueue.MaxJsonBytes)
            throw new ArgumentException($"the work item is larger than a queue message holds ({StorageWorkQueue.MaxJsonBytes} bytes of JSON)", nameof(spec));
        var name = await _provisioner.EnsureShardQueueAsync(spec.Location, cancellationToken);
        await clients.Queues.GetQueueClient(name).SendMessageAsync(BinaryData.FromString(json), visibilityTimeout: null, timeToLive: timeToLive, cancellationToken);
    }
}
