using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Evaluation;
using LoadOps.Pipeline;
using LoadOps.Pipeline.Live;

namespace LoadOps.Cloud.Api;

/// <summary>The run API's reads over the <c>runs</c> table, the evaluation blobs and the reports container.</summary>
public sealed class StorageRunCatalog(StorageClients clients, TimeProvider clock) : IRunCatalog
{
    private readonly RunStore _runs = new(clients, clock);
    private readonly PipelineBlobs _blobs = new(clients);
    private readonly ResultStore _results = new(clients, clock);
    private LiveRunReader Live => field ??= new(_results, _blobs, clock);

    public Task<LiveFigures?> ReadLiveAsync(RunRecord run, CancellationToken cancellationToken) => Live.ReadAsync(run, cancellationToken);

    public Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken) => _runs.GetAsync(runId, cancellationToken);

    public Task<IReadOnlyList<RunRecord>> ListByCommitAsync(string repository, string commit, CancellationToken cancellationToken) =>
        _runs.ListByCommitAsync(repository, commit, cancellationToken);

    public Task<IReadOnlyList<RunRecord>> ListByRequestAsync(string requestId, CancellationToken cancellationToken) =>
        _runs.ListByRequestAsync(requestId, cancellationToken);

    public Task<RunEvaluation?> ReadEvaluationAsync(string runId, CancellationToken cancellationToken) =>
        _blobs.ReadEvaluationAsync(runId, cancellationToken);

    public async Task<string?> ReadReportAsync(string blobName, CancellationToken cancellationToken)
    {
        await using var content = await _results.OpenReportAsync(blobName, cancellationToken);
        if (content is null)
            return null;
        using var reader = new StreamReader(content);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
