using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs;
using Azure;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Serialization;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Pipeline;

/// <summary>
/// The blobs stages hand to each other beside the results: <c>runs/{runId}/plan.json</c> (written once: the first
/// plan wins, so a retried plan message cannot move the start time) and <c>runs/{runId}/evaluation.json</c>.
/// </summary>
public sealed class PipelineBlobs(StorageClients clients) : IStageDocuments
{
    private readonly BlobContainerClient _results = clients.Blobs.GetBlobContainerClient(clients.Names.ResultsContainer);

    /// <summary>Stores the plan unless one is stored already; returns the stored one either way.</summary>
    public async Task<StoredPlan> WritePlanOnceAsync(StoredPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var blob = _results.GetBlobClient(ArtifactNames.PlanBlobName(plan.RunId));
        try
        {
            var options = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
            await blob.UploadAsync(BinaryData.FromBytes(PlanDocument.Serialize(plan)), options, cancellationToken);
            return plan;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return await ReadPlanAsync(plan.RunId, cancellationToken) ?? throw new InvalidOperationException($"The plan of run {plan.RunId} exists but cannot be read.");
        }
    }

    public async Task<StoredPlan?> ReadPlanAsync(string runId, CancellationToken cancellationToken) =>
        await DownloadAsync(ArtifactNames.PlanBlobName(runId), cancellationToken) is { } json ? PlanDocument.Deserialize(json.ToMemory().Span) : null;

    public async Task WriteEvaluationAsync(string runId, RunEvaluation evaluation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var blob = _results.GetBlobClient(ArtifactNames.EvaluationBlobName(runId));
        await blob.UploadAsync(BinaryData.FromString(LoadOpsJson.Serialize(evaluation)), overwrite: true, cancellationToken);
    }

    public Task<RunEvaluation?> ReadEvaluationAsync(string runId, CancellationToken cancellationToken) =>
        ReadAsync<RunEvaluation>(ArtifactNames.EvaluationBlobName(runId), cancellationToken);

    private async Task<T?> ReadAsync<T>(string name, CancellationToken cancellationToken)
        where T : class =>
        await DownloadAsync(name, cancellationToken) is { } json ? JsonSerializer.Deserialize<T>(json.ToMemory().Span, LoadOpsJson.Options) : null;

    private async Task<BinaryData?> DownloadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await _results.GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
