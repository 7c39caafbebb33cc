using LoadOps.Core.Pipeline;
using LoadOps.Core.Validation;
using LoadOps.Pipeline.Live;

namespace LoadOps.Pipeline.Publish;

/// <summary>Several publishers in turn (GitHub, then Slack); one failing does not stop the others.</summary>
public sealed class RunPublishers(IReadOnlyList<IRunPublisher> publishers) : IRunPublisher
{
    public int Count => publishers.Count;

    public async Task<PublishResult> ValidationFailedAsync(RunRequest request, IReadOnlyList<DefinitionError> problems, CancellationToken cancellationToken)
    {
        var results = new List<PublishResult>();
        foreach (var publisher in publishers)
            results.Add(await publisher.ValidationFailedAsync(request, problems, cancellationToken));
        return PublishResult.Combine(results);
    }

    public async Task<PublishResult> DispatchedAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var results = new List<PublishResult>();
        foreach (var publisher in publishers)
            results.Add(await publisher.DispatchedAsync(run, cancellationToken));
        return PublishResult.Combine(results);
    }

    public async Task<PublishResult> FailedAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var results = new List<PublishResult>();
        foreach (var publisher in publishers)
            results.Add(await publisher.FailedAsync(run, cancellationToken));
        return PublishResult.Combine(results);
    }

    public async Task<PublishResult> ReportedAsync(RunReport report, CancellationToken cancellationToken)
    {
        var results = new List<PublishResult>();
        foreach (var publisher in publishers)
            results.Add(await publisher.ReportedAsync(report, cancellationToken));
        return PublishResult.Combine(results);
    }

    /// <summary>Every publisher in turn; the first refusal is what the caller backs off on.</summary>
    public async Task<ProgressResult> ProgressAsync(RunRecord run, LiveFigures live, CancellationToken cancellationToken)
    {
        var combined = ProgressResult.Nothing;
        foreach (var publisher in publishers)
        {
            var result = await publisher.ProgressAsync(run, live, cancellationToken);
            combined = combined.RefusedWith is not null ? combined : result.RefusedWith is not null || result.Updated ? result : combined;
        }
        return combined;
    }
}
