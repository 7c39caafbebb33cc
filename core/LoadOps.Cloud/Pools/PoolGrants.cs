using Azure.Storage.Queues.Models;
using Azure.Storage.Queues;
using Azure.Storage.Sas;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Pools;

/// <summary>
/// What an agent on a VM may do for one shard, as SAS URLs that expire at the run's deadline: write that shard's result
/// blob (<see cref="ResultStore.CreateShardUploadUriAsync"/>) and its interim snapshot blob, and add messages to the collect queue. With an account key
/// (connection string, Azurite) they are service SAS; with an Entra identity they are user delegation SAS, so no
/// account key is needed anywhere. The same grants go to every runner that is not on the host: pool agents, ACI
/// container groups (a secure environment value) and ECS tasks (the item on their location's shard queue).
/// </summary>
public sealed class PoolGrants(StorageClients clients, TimeProvider clock)
{
    private readonly ResultStore _results = new(clients, clock);

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Used when a spec carries no deadline (the planner always sets one).</summary>
    public static readonly TimeSpan DefaultValidity = TimeSpan.FromHours(2);

    /// <summary>When the grants of <paramref name="spec"/> expire: its run's deadline; null if that has passed.</summary>
    public DateTimeOffset? ExpiryOf(ShardSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var now = clock.GetUtcNow();
        var expiresOn = spec.Deadline ?? now + DefaultValidity;
        return expiresOn > now ? expiresOn : null;
    }

    public async Task<PoolWorkItem> CreateAsync(ShardSpec spec, DateTimeOffset expiresOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var validFor = expiresOn - clock.GetUtcNow();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validFor, TimeSpan.Zero, nameof(expiresOn));
        var upload = await _results.CreateShardUploadUriAsync(spec.RunId, spec.ShardId, validFor, cancellationToken);
        var interim = await _results.CreateInterimUploadUriAsync(spec.RunId, spec.ShardId, validFor, cancellationToken);
        var done = await CreateCollectAddUriAsync(expiresOn, cancellationToken);
        return new PoolWorkItem(spec, upload, ArtifactNames.ShardBlobName(spec.RunId, spec.ShardId), done, expiresOn, interim);
    }

    /// <summary>A URL that can add messages to the collect queue and do nothing else (no read, no delete, no other queue).</summary>
    public Task<Uri> CreateCollectAddUriAsync(DateTimeOffset expiresOn, CancellationToken cancellationToken) =>
        CreateQueueUriAsync(clients.Names.Queue(StageQueueNames.Collect), QueueSasPermissions.Add, expiresOn, cancellationToken);

    /// <summary>
    /// A URL that can take (process) and re-hide (update) messages of one queue and nothing else: what an interchangeable
    /// runner (an ECS task) needs to take one work item from its location's shard queue, keep it locked and delete it.
    /// </summary>
    public Task<Uri> CreateTakeUriAsync(string queueName, DateTimeOffset expiresOn, CancellationToken cancellationToken) =>
        CreateQueueUriAsync(queueName, QueueSasPermissions.Process | QueueSasPermissions.Update, expiresOn, cancellationToken);

    private async Task<Uri> CreateQueueUriAsync(string queueName, QueueSasPermissions permissions, DateTimeOffset expiresOn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(queueName);
        var queue = clients.Queues.GetQueueClient(queueName);
        var sas = new QueueSasBuilder
        {
            QueueName = queue.Name,
            StartsOn = clock.GetUtcNow() - ClockSkew,
            ExpiresOn = expiresOn,
            Protocol = queue.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        sas.SetPermissions(permissions);
        if (queue.CanGenerateSasUri)
            return queue.GenerateSasUri(sas);

        var key = await clients.Queues.GetUserDelegationKeyAsync(new QueueGetUserDelegationKeyOptions(expiresOn) { StartsOn = sas.StartsOn }, cancellationToken);
        return new QueueUriBuilder(queue.Uri) { Sas = sas.ToSasQueryParameters(key.Value, clients.Queues.AccountName) }.ToUri();
    }
}
