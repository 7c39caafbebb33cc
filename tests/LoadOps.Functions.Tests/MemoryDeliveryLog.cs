using System.Collections.Concurrent;
using LoadOps.Cloud.Api;

namespace LoadOps.Functions.Tests;

/// <summary>An in-process delivery log for handler tests; the storage-backed one is tested against Azurite.</summary>
internal sealed class MemoryDeliveryLog : IDeliveryLog
{
    private readonly ConcurrentDictionary<string, bool> _seen = new();

    public Task<bool> TryRecordAsync(string deliveryId, CancellationToken cancellationToken) =>
        Task.FromResult(_seen.TryAdd(deliveryId, true));

    public Task ForgetAsync(string deliveryId, CancellationToken cancellationToken)
    {
        _seen.TryRemove(deliveryId, out _);
        return Task.CompletedTask;
    }
}
