namespace LoadOps.Cloud.Pools;

/// <summary>What carries a pool's work items (<c>LoadOps:Pools:NAME:Transport</c>).</summary>
public enum PoolTransport
{
    /// <summary>An Azure Storage queue in the LoadOps account (default; <c>loadops-shards-pool-NAME</c>).</summary>
    StorageQueue,

    /// <summary>A Service Bus queue (<c>loadops-pool-NAME</c> in bicep/modules/servicebus.bicep).</summary>
    ServiceBus,
}
