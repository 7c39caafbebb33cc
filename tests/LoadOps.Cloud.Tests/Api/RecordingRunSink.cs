using System.Collections.Concurrent;
using LoadOps.Cloud.Api;
using LoadOps.Core.Pipeline;

namespace LoadOps.Cloud.Tests.Api;

internal sealed class RecordingRunSink : IRunRequestSink
{
    public ConcurrentQueue<RunRequest> Sent { get; } = new();

    public Task SendAsync(RunRequest request, CancellationToken cancellationToken)
    {
        Sent.Enqueue(request);
        return Task.CompletedTask;
    }
}
