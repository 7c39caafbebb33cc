using System.Collections.Concurrent;
using LoadOps.Cloud.Api;

namespace LoadOps.Cloud.Tests.Api;

/// <summary>A delivery log in memory with the insert-if-absent rule of the <c>deliveries</c> table (pinned on Azurite by DeliveryStoreTests).</summary>
internal sealed class MemoryDeliveryLog : IDeliveryLog
{
    private readonly ConcurrentDictionary<string, bool> _ids = new(StringComparer.Ordinal);

    public IEnumerable<string> Ids => _ids.Keys;

    public Task<bool> TryRecordAsync(string deliveryId, CancellationToken cancellationToken) => Task.FromResult(_ids.TryAdd(deliveryId, true));

    public Task ForgetAsync(string deliveryId, CancellationToken cancellationToken)
    {
        _ids.TryRemove(deliveryId, out _);
        return Task.CompletedTask;
    }
}
