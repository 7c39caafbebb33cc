using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Azure.Storage.Sas;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;

namespace LoadOps.Cloud.Pools;

/// <summary>
/// What an agent on a VM may do for one shard, as SAS URLs that expire at the run's deadline: write that shard's result
/// blob (<see cref="ResultStore.CreateShardUploadUriAsync"/>) and add messages to the collect queue. With an account key
/// (connection string, Azurite) they are service SAS; with an Entra identity they are user delegation SAS, so no
/// account key is needed anywhere.
/// </summary>
public sealed class PoolGrants(StorageClients clients, ResultStore results, TimeProvider clock)
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public async Task<PoolWorkItem> CreateAsync(ShardSpec spec, DateTimeOffset expiresOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var validFor = expiresOn - clock.GetUtcNow();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validFor, TimeSpan.Zero, nameof(expiresOn));
        var upload = await results.CreateShardUploadUriAsync(spec.RunId, spec.ShardId, validFor, cancellationToken);
        var done = await CreateCollectAddUriAsync(expiresOn, cancellationToken);
        return new PoolWorkItem(spec, upload, ResultStore.ShardBlobName(spec.RunId, spec.ShardId), done, expiresOn);
    }

    /// <summary>A URL that can add messages to the collect queue and do nothing else (no read, no delete, no other queue).</summary>
    public async Task<Uri> CreateCollectAddUriAsync(DateTimeOffset expiresOn, CancellationToken cancellationToken)
    {
        var queue = clients.Queues.GetQueueClient(clients.Names.Queue(StageQueueNames.Collect));
        var sas = new QueueSasBuilder
        {
            QueueName = queue.Name,
            StartsOn = clock.GetUtcNow() - ClockSkew,
            ExpiresOn = expiresOn,
            Protocol = queue.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        sas.SetPermissions(QueueSasPermissions.Add);
        if (queue.CanGenerateSasUri)
            return queue.GenerateSasUri(sas);

        var key = await clients.Queues.GetUserDelegationKeyAsync(new QueueGetUserDelegationKeyOptions(expiresOn) { StartsOn = sas.StartsOn }, cancellationToken);
        return new QueueUriBuilder(queue.Uri) { Sas = sas.ToSasQueryParameters(key.Value, clients.Queues.AccountName) }.ToUri();
    }
}
