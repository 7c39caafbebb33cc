using LoadOps.Core.Pipeline;
using LoadOps.Core.Validation;
using LoadOps.Pipeline.Live;
using LoadOps.Pipeline.Publish;

namespace LoadOps.Pipeline.Tests.Scene;

/// <summary>Remembers what the stages would have posted to GitHub and Slack, in order, as "kind:run or request".</summary>
internal sealed class RecordingPublisher : IRunPublisher
{
    private readonly List<string> _posts = [];

    public List<RunReport> Reports { get; } = [];
    public List<LiveFigures> Progress { get; } = [];

    /// <summary>The status code <see cref="ProgressAsync"/> answers with, as GitHub would under a rate limit; null: accepted.</summary>
    public int? RefuseProgressWith { get; set; }

    public IReadOnlyList<string> Posts
    {
        get { lock (_posts) return [.. _posts]; }
    }

    public Task<PublishResult> ValidationFailedAsync(RunRequest request, IReadOnlyList<DefinitionError> problems, CancellationToken cancellationToken) =>
        Post($"invalid:{request.RequestId}");

    public Task<PublishResult> DispatchedAsync(RunRecord run, CancellationToken cancellationToken) => Post($"dispatched:{run.RunId}");

    public Task<PublishResult> ReportedAsync(RunReport report, CancellationToken cancellationToken)
    {
        lock (_posts)
            Reports.Add(report);
        return Post($"reported:{report.Run.RunId}");
    }

    public Task<PublishResult> FailedAsync(RunRecord run, CancellationToken cancellationToken) => Post($"failed:{run.RunId}");

    public Task<ProgressResult> ProgressAsync(RunRecord run, LiveFigures live, CancellationToken cancellationToken)
    {
        lock (_posts)
        {
            _posts.Add($"progress:{run.RunId}");
            Progress.Add(live);
        }
        return Task.FromResult(RefuseProgressWith is { } status ? new ProgressResult(false, status, $"GitHub answered {status}") : new ProgressResult(true));
    }

    private Task<PublishResult> Post(string what)
    {
        lock (_posts)
            _posts.Add(what);
        return Task.FromResult(new PublishResult([what], []));
    }
}
