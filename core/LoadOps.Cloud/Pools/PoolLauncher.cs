using System.Text.Json;
using Azure;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Data;
using LoadOps.Core.Definitions;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;
using LoadOps.Core.Serialization;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Pools;

/// <summary>
/// Dispatch for <c>pool/NAME</c> locations: puts a <see cref="PoolWorkItem"/> (the shard spec plus SAS grants to upload
/// its result and report <see cref="ShardDone"/>) on the pool's work queue, where an agent
/// (<c>loadops-runner agent --pool NAME</c>) picks it up. The item expires unreceived at the run's deadline. Other
/// locations, a pool whose configuration is unusable, or a queue that refuses are refused with the reason. Disposing it
/// closes the pools' Service Bus clients (<see cref="PoolQueues"/>): the host that owns it disposes it.
/// </summary>
public sealed class PoolLauncher(PoolQueues queues, PoolGrants grants, TimeProvider clock) : IShardLauncher, IAsyncDisposable
{
    internal PoolQueues Queues => queues;

    public ValueTask DisposeAsync() => queues.DisposeAsync();

    /// <summary>Used when a spec carries no deadline (the planner always sets one).</summary>
    private static readonly TimeSpan DefaultValidity = TimeSpan.FromHours(2);

    /// <summary>
    /// The launcher over one storage account and the pools' options (bound from <see cref="PoolOptions.SectionName"/>, or
    /// read with <see cref="PoolOptionsReader"/>). <paramref name="identity"/> authorises Service Bus pools without a SAS
    /// key (default: DefaultAzureCredential).
    /// </summary>
    public static PoolLauncher Create(
        StorageClients clients, IReadOnlyDictionary<string, PoolOptions>? pools, TimeProvider clock, Azure.Core.TokenCredential? identity = null) =>
        new(new PoolQueues(clients, pools, identity), new PoolGrants(clients, clock), clock);

    /// <summary>As above; <paramref name="http"/> is not used any more (Service Bus speaks AMQP through its SDK), kept for existing callers.</summary>
    public static PoolLauncher Create(
        StorageClients clients, IReadOnlyDictionary<string, PoolOptions>? pools, HttpClient http, TimeProvider clock, Azure.Core.TokenCredential? identity = null) =>
        Create(clients, pools, clock, identity);

    public async Task<ShardLaunch> LaunchAsync(ShardSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!RunnerLocation.TryParse(spec.Location, out var location) || location.Kind != RunnerKind.Pool || location.Name is null)
            return ShardLaunch.Refused($"the pool launcher runs only 'pool/NAME' locations, not '{spec.Location}'");
        var pool = location.Name;
        if (!queues.TryGet(pool, out var queue, out var problem))
            return ShardLaunch.Refused($"pool '{pool}' is not usable: {problem}");

        var now = clock.GetUtcNow();
        var expiresOn = spec.Deadline ?? now + DefaultValidity;
        if (expiresOn <= now)
            return ShardLaunch.Refused($"the run's deadline {expiresOn:O} has passed; the shard was not queued for pool '{pool}'");
        try
        {
            var item = await grants.CreateAsync(spec, expiresOn, cancellationToken);
            var body = JsonSerializer.Serialize(item, LoadOpsJson.Compact);
            await queue!.SendAsync(body, spec.ShardId, expiresOn - now, cancellationToken);
            return ShardLaunch.Running($"pool:{pool}:{queue.Name}");
        }
        catch (WorkQueueException e) when (e.Failure == WorkQueueFailure.Refused && DataShipment.Describe(spec.Data) is { } rows)
        {
            // Rows travel inside the work item; say that they are what made it too large, and the ways out.
            return ShardLaunch.Refused($"pool '{pool}': {e.Message} The shard carries {rows}: data rows travel inside the work item. " +
                "Use fewer rows for pool runs, more pool runners (pick: unique rows are split across them), or a Service Bus pool (256 KB a message).");
        }
        catch (WorkQueueException e) when (e.Failure == WorkQueueFailure.Refused && spec.Definition.Engine?.Plan is { } plan)
        {
            // A JMeter plan travels inside the work item too.
            return ShardLaunch.Refused(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"pool '{pool}': {e.Message} The shard carries the JMeter plan {spec.Definition.Engine.Script} ({System.Text.Encoding.UTF8.GetByteCount(plan) / 1024.0:0.#} KB): ") +
                "the plan travels inside the work item. Use a Service Bus pool (256 KB a message), or trim the plan (disabled elements, embedded data).");
        }
        catch (WorkQueueException e)
        {
            return ShardLaunch.Refused($"pool '{pool}': {e.Message}");
        }
        catch (RequestFailedException e)
        {
            // Creating a grant failed (e.g. the identity may not get a user delegation key); the SDK text may quote URLs.
            return ShardLaunch.Refused($"pool '{pool}': the storage grants for the agent could not be made ({e.Status} {e.ErrorCode}); " +
                "the host's identity needs Storage Blob/Queue Data Contributor (user delegation SAS) or an account key");
        }
    }
}
