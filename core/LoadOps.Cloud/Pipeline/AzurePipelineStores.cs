using LoadOps.Cloud.Cost;
using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Pipeline;

/// <summary>The pipeline's stores on one Azure Storage account (or Azurite): tables, blobs and queues.</summary>
public static class AzurePipelineStores
{
    public static PipelineStores Create(StorageClients clients, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clients);
        var runs = new RunStore(clients, clock);
        return new PipelineStores(
            runs, new ShardStore(clients, runs, clock), new ResultStore(clients, clock), new PipelineBlobs(clients), new BaselineStore(clients),
            new ApprovalStore(clients), new ActiveRunStore(clients), new ScheduleStore(clients, clock), new SpendStore(clients), new StageSender(clients));
    }
}
