using LoadOps.Core.Pipeline;
using LoadOps.Core.Validation;

namespace LoadOps.Pipeline.Publish;

/// <summary>Used when neither GitHub nor Slack is configured: nothing is posted (the host says so once at start).</summary>
public sealed class NoRunPublisher : IRunPublisher
{
    public static NoRunPublisher Instance { get; } = new();

    public Task<PublishResult> ValidationFailedAsync(RunRequest request, IReadOnlyList<DefinitionError> problems, CancellationToken cancellationToken) =>
        Task.FromResult(PublishResult.Nothing);

    public Task<PublishResult> DispatchedAsync(RunRecord run, CancellationToken cancellationToken) => Task.FromResult(PublishResult.Nothing);

    public Task<PublishResult> ReportedAsync(RunReport report, CancellationToken cancellationToken) => Task.FromResult(PublishResult.Nothing);

    public Task<PublishResult> FailedAsync(RunRecord run, CancellationToken cancellationToken) => Task.FromResult(PublishResult.Nothing);
}
