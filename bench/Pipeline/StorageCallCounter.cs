using System.Diagnostics.Tracing;
using Azure.Core.Diagnostics;

namespace LoadOps.Bench.Pipeline;

/// <summary>Counts the HTTP requests the Azure SDK clients of this process send (the "Request" event of Azure.Core).</summary>
internal sealed class StorageCallCounter : IDisposable
{
    private readonly AzureEventSourceListener _listener;
    private long _requests;
    private long _queuePolls;

    public StorageCallCounter() =>
        _listener = new AzureEventSourceListener((e, _) =>
        {
            if (e.EventName != "Request")
                return;
            Interlocked.Increment(ref _requests);
            if (IsQueueReceive(e))
                Interlocked.Increment(ref _queuePolls);
        }, EventLevel.Informational);

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Queue receives (GET …/messages?numofmessages=…): a pump polls every queue whether or not work waits.</summary>
    public long QueuePolls => Interlocked.Read(ref _queuePolls);

    private static bool IsQueueReceive(EventWrittenEventArgs e)
    {
        var names = e.PayloadNames;
        if (names is null || e.Payload is null)
            return false;
        var method = e.Payload[names.IndexOf("method")] as string;
        var uri = e.Payload[names.IndexOf("uri")] as string ?? "";
        return method == "GET" && uri.Contains("/messages?", StringComparison.Ordinal) && uri.Contains("numofmessages", StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => _listener.Dispose();
}
