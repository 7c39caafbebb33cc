namespace LoadOps.Cloud.Pools;

/// <summary>A work queue operation failed; the message names the queue and what to do, never a key or SAS.</summary>
public sealed class WorkQueueException(WorkQueueFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public WorkQueueFailure Failure { get; } = failure;
}
