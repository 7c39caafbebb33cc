using System.Collections.Concurrent;
using LoadOps.Cloud.Api;
using LoadOps.Core.Pipeline;

namespace LoadOps.Cloud.Tests.Api;

internal sealed class RecordingRunSink : IRunRequestSink
{
    public ConcurrentQueue<RunRequest> Sent { get; } = new();

    /// <summary>How many of the next sends fail, as a queue that is down would.</summary>
    public int FailuresLeft { get; set; }

    public Task SendAsync(RunRequest request, CancellationToken cancellationToken)
    {
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new InvalidOperationException("the queue is down");
        }
        Sent.Enqueue(request);
        return Task.CompletedTask;
    }
}
