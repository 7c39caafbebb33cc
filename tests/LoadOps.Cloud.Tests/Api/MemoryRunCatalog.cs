using System.Collections.Concurrent;
using LoadOps.Cloud.Api;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Evaluation;
using LoadOps.Pipeline;
using LoadOps.Pipeline.Live;

namespace LoadOps.Cloud.Tests.Api;

/// <summary>Runs, evaluations and reports in memory for the API and handler tests; the storage-backed catalog is tested against Azurite.</summary>
internal sealed class MemoryRunCatalog : IRunCatalog
{
    public ConcurrentDictionary<string, RunRecord> Runs { get; } = new();
    public ConcurrentDictionary<string, RunEvaluation> Evaluations { get; } = new();
    public ConcurrentDictionary<string, string> Reports { get; } = new();
    public ConcurrentDictionary<string, LiveFigures> Live { get; } = new();

    public Task<LiveFigures?> ReadLiveAsync(RunRecord run, CancellationToken cancellationToken) => Task.FromResult(Live.GetValueOrDefault(run.RunId));

    public Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken) => Task.FromResult(Runs.GetValueOrDefault(runId));

    public Task<IReadOnlyList<RunRecord>> ListByCommitAsync(string repository, string commit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RunRecord>>(Runs.Values.Where(r => r.Repo == repository && r.Commit == commit).OrderBy(r => r.RunId).ToList());

    public Task<IReadOnlyList<RunRecord>> ListByRequestAsync(string requestId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RunRecord>>(Runs.Values.Where(r => r.RequestId == requestId).OrderBy(r => r.RunId).ToList());

    public Task<RunEvaluation?> ReadEvaluationAsync(string runId, CancellationToken cancellationToken) =>
        Task.FromResult(Evaluations.GetValueOrDefault(runId));

    public Task<string?> ReadReportAsync(string blobName, CancellationToken cancellationToken) => Task.FromResult(Reports.GetValueOrDefault(blobName));
}
