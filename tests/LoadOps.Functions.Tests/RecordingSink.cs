using System.Collections.Concurrent;
using LoadOps.Core.Pipeline;
using LoadOps.Cloud.Api;

namespace LoadOps.Functions.Tests;

internal sealed class RecordingSink : IRunRequestSink
{
    public ConcurrentQueue<RunRequest> Sent { get; } = new();

    public Task SendAsync(RunRequest request, CancellationToken cancellationToken)
    {
        Sent.Enqueue(request);
        return Task.CompletedTask;
    }
}
