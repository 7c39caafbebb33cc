using System.Diagnostics.Tracing;
using Azure.Core.Diagnostics;

namespace LoadOps.Bench.Pipeline;

/// <summary>Counts the HTTP requests the Azure SDK clients of this process send (the "Request" event of Azure.Core).</summary>
internal sealed class StorageCallCounter : IDisposable
{
    private readonly AzureEventSourceListener _listener;
    private long _requests;

    public StorageCallCounter() =>
        _listener = new AzureEventSourceListener((e, _) =>
        {
            if (e.EventName == "Request")
                Interlocked.Increment(ref _requests);
        }, EventLevel.Informational);

    public long Requests => Interlocked.Read(ref _requests);

    public void Dispose() => _listener.Dispose();
}
