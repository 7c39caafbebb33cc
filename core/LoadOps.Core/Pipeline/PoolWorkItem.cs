using LoadOps.Core.Planning;

namespace LoadOps.Core.Pipeline;

/// <summary>
/// Dispatch → a BYO-VM agent, on the pool's work queue: the shard to run and the two grants it needs to report without
/// any storage key: <see cref="ResultUploadUrl"/> (a SAS URL that can create or overwrite that shard's result blob and
/// nothing else) and <see cref="DoneQueueUrl"/> (a SAS URL that can only add messages to the collect queue, where the
/// agent puts a <see cref="ShardDone"/> naming <see cref="ResultBlobName"/>). Both expire at <see cref="ExpiresOn"/>,
/// the run's deadline. The URLs are secrets: never log them.
/// </summary>
public sealed record PoolWorkItem(
    ShardSpec Spec,
    Uri ResultUploadUrl,
    string ResultBlobName,
    Uri DoneQueueUrl,
    DateTimeOffset ExpiresOn);
