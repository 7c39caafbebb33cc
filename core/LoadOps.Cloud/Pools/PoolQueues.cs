using System.Collections.Concurrent;
using Azure.Core;
using Azure.Identity;
using LoadOps.Cloud.ServiceBus;
using LoadOps.Cloud.Storage;

namespace LoadOps.Cloud.Pools;

/// <summary>
/// The work queue of each pool, chosen by its <see cref="PoolOptions"/> (Storage queue by default). Used by dispatch
/// (<see cref="PoolLauncher"/>) to send; agents build their own queue from a SAS URL or a Service Bus key. A Service Bus
/// pool's queue (and its AMQP connection) is opened once and kept until the host disposes this.
/// </summary>
public sealed class PoolQueues : IAsyncDisposable
{
    private static readonly TimeSpan DispatchLock = TimeSpan.FromMinutes(1);

    private readonly StorageClients _clients;
    private readonly Dictionary<string, PoolOptions> _pools;
    private readonly Lazy<TokenCredential> _identity;
    private readonly ConcurrentDictionary<string, Lazy<ServiceBusWorkQueue>> _serviceBus = new(StringComparer.OrdinalIgnoreCase);

    public PoolQueues(StorageClients clients, IReadOnlyDictionary<string, PoolOptions>? pools, TokenCredential? identity = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _clients = clients;
        _pools = new Dictionary<string, PoolOptions>(pools ?? new Dictionary<string, PoolOptions>(), StringComparer.OrdinalIgnoreCase);
        _identity = new Lazy<TokenCredential>(() => identity ?? new DefaultAzureCredential());
    }

    /// <summary>The configuration problems of every configured pool (check at start); empty when all are usable.</summary>
    public IReadOnlyList<string> Problems() => _pools.SelectMany(p => p.Value.Problems(p.Key)).ToList();

    /// <summary>The queue of <paramref name="pool"/>, or the reason there is none (a configuration problem).</summary>
    public bool TryGet(string pool, out IWorkQueue? queue, out string? problem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pool);
        var options = _pools.GetValueOrDefault(pool) ?? new PoolOptions();
        var problems = options.Problems(pool);
        if (problems.Count > 0)
        {
            queue = null;
            problem = string.Join(" ", problems);
            return false;
        }

        problem = null;
        if (options.Transport == PoolTransport.StorageQueue)
        {
            var name = string.IsNullOrWhiteSpace(options.QueueName) ? _clients.Names.ShardQueue("pool/" + pool) : options.QueueName;
            queue = new StorageWorkQueue(_clients.Queues.GetQueueClient(name), DispatchLock);
            return true;
        }

        queue = _serviceBus.GetOrAdd(pool, _ => new Lazy<ServiceBusWorkQueue>(() =>
        {
            var ns = PoolOptions.NamespaceUri(options.ServiceBusNamespace!);
            var client = string.IsNullOrWhiteSpace(options.SasKeyName)
                ? ServiceBusConnection.FromIdentity(ns, _identity.Value)
                : ServiceBusConnection.FromSharedAccessKey(ns, options.SasKeyName, options.SasKey!);
            var name = string.IsNullOrWhiteSpace(options.QueueName) ? PoolOptions.ServiceBusQueueOf(pool) : options.QueueName;
            return new ServiceBusWorkQueue(client, name, TimeSpan.FromSeconds(1), ownsClient: true);
        })).Value;
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var queue in _serviceBus.Values.Where(q => q.IsValueCreated))
            await queue.Value.DisposeAsync();
        _serviceBus.Clear();
    }
}
