using LoadOps.Core.Evaluation;

namespace LoadOps.Pipeline;

/// <summary>
/// What stages hand to each other beside the results: a run's plan (written once: the first plan wins, so a retried
/// plan message cannot move the start time) and its evaluation. Implemented on Azure Blobs
/// (<c>LoadOps.Cloud.Pipeline.PipelineBlobs</c>) and in memory (<see cref="Memory.InMemoryArtifacts"/>).
/// </summary>
public interface IStageDocuments
{
    /// <summary>Stores the plan unless one is stored already; returns the stored one either way.</summary>
    Task<StoredPlan> WritePlanOnceAsync(StoredPlan plan, CancellationToken cancellationToken);

    Task<StoredPlan?> ReadPlanAsync(string runId, CancellationToken cancellationToken);

    Task WriteEvaluationAsync(string runId, RunEvaluation evaluation, CancellationToken cancellationToken);

    Task<RunEvaluation?> ReadEvaluationAsync(string runId, CancellationToken cancellationToken);
}
