using LoadOps.Core.Pipeline;

namespace LoadOps.Cloud.Api;

/// <summary>Where accepted run requests go: the validate stage's queue.</summary>
public interface IRunRequestSink
{
    Task SendAsync(RunRequest request, CancellationToken cancellationToken);
}
