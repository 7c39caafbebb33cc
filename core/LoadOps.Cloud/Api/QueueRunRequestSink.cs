using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Api;

/// <summary>Accepted run requests go onto the validate stage's queue.</summary>
public sealed class QueueRunRequestSink(StorageClients clients) : IRunRequestSink
{
    private readonly StageQueue _queue = new(clients, clients.Names.Queue(StageQueueNames.Validate));

    public Task SendAsync(RunRequest request, CancellationToken cancellationToken) => _queue.SendAsync(request, cancellationToken);
}
