using Azure.Core;
using Azure.Identity;
using LoadOps.Cloud.ServiceBus;
using LoadOps.Cloud.Storage;

namespace LoadOps.Cloud.Pools;

/// <summary>
/// The work queue of each pool, chosen by its <see cref="PoolOptions"/> (Storage queue by default). Used by dispatch
/// (<see cref="PoolLauncher"/>) to send; agents build their own queue from a SAS URL or a Service Bus key.
/// </summary>
public sealed class PoolQueues
{
    private static readonly TimeSpan DispatchLock = TimeSpan.FromMinutes(1);

    private readonly StorageClients _clients;
    private readonly Dictionary<string, PoolOptions> _pools;
    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    private readonly Lazy<TokenCredential> _identity;

    public PoolQueues(StorageClients clients, IReadOnlyDictionary<string, PoolOptions>? pools, HttpClient http, TimeProvider clock, TokenCredential? identity = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(clock);
        _clients = clients;
        _pools = new Dictionary<string, PoolOptions>(pools ?? new Dictionary<string, PoolOptions>(), StringComparer.OrdinalIgnoreCase);
        _http = http;
        _clock = clock;
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

        var credential = string.IsNullOrWhiteSpace(options.SasKeyName)
            ? ServiceBusCredential.FromTokenCredential(_identity.Value, _clock)
            : ServiceBusCredential.FromSharedAccessKey(options.SasKeyName, options.SasKey!, _clock);
        var client = new ServiceBusQueueClient(_http, PoolOptions.NamespaceUri(options.ServiceBusNamespace!),
            string.IsNullOrWhiteSpace(options.QueueName) ? PoolOptions.ServiceBusQueueOf(pool) : options.QueueName, credential, _clock);
        queue = new ServiceBusWorkQueue(client, TimeSpan.FromSeconds(1));
        return true;
    }
}
