using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Validation;
using LoadOps.Pipeline;
using LoadOps.Pipeline.Publish;

namespace LoadOps.IntegrationTests.Pipeline.Scale;

/// <summary>Counts the reports the pipeline publishes (it posts nowhere): a run must be reported once.</summary>
internal sealed class CountingPublisher : IRunPublisher
{
    private int _reported;

    public int Reported => _reported;

    public Task<PublishResult> ValidationFailedAsync(RunRequest request, IReadOnlyList<DefinitionError> problems, CancellationToken cancellationToken) =>
        Task.FromResult(PublishResult.Nothing);

    public Task<PublishResult> DispatchedAsync(RunRecord run, CancellationToken cancellationToken) => Task.FromResult(PublishResult.Nothing);

    public Task<PublishResult> ReportedAsync(RunReport report, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reported);
        return Task.FromResult(PublishResult.Nothing);
    }

    public Task<PublishResult> FailedAsync(RunRecord run, CancellationToken cancellationToken) => Task.FromResult(PublishResult.Nothing);
}
