using LoadOps.Pipeline.Cost;

namespace LoadOps.Pipeline;

/// <summary>
/// Everything the stages keep or send, behind the ports: one storage account on Azure
/// (<c>LoadOps.Cloud.Pipeline.AzurePipelineStores</c>), or memory (<see cref="Memory.InMemoryPipelineStores"/>).
/// </summary>
public sealed record PipelineStores(
    IRunRepository Runs,
    IShardRepository Shards,
    IResultArtifacts Results,
    IStageDocuments Documents,
    IBaselineRepository Baselines,
    IApprovalRepository Approvals,
    IActiveRunRepository ActiveRuns,
    IScheduleRepository Schedules,
    ISpendRepository Spend,
    IStageBus Bus);
