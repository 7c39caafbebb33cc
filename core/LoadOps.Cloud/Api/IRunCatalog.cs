using LoadOps.Cloud.Storage;
using LoadOps.Core.Evaluation;
using LoadOps.Pipeline;
using LoadOps.Pipeline.Live;

namespace LoadOps.Cloud.Api;

/// <summary>What the run API reads: run rows, their evaluations and their stored reports (Azure Storage, or a test's memory).</summary>
public interface IRunCatalog
{
    Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken);

    Task<IReadOnlyList<RunRecord>> ListByCommitAsync(string repository, string commit, CancellationToken cancellationToken);

    Task<IReadOnlyList<RunRecord>> ListByRequestAsync(string requestId, CancellationToken cancellationToken);

    Task<RunEvaluation?> ReadEvaluationAsync(string runId, CancellationToken cancellationToken);

    /// <summary>The figures so far of a run under way, or null (no snapshot yet, or a catalog without live figures).</summary>
    Task<LiveFigures?> ReadLiveAsync(RunRecord run, CancellationToken cancellationToken) => Task.FromResult<LiveFigures?>(null);

    /// <summary>A report blob's text, or null when it does not exist.</summary>
    Task<string?> ReadReportAsync(string blobName, CancellationToken cancellationToken);
}
