using LoadOps.Core.Planning;

namespace LoadOps.Core.Pipeline;

/// <summary>
/// Dispatch → a runner that is not on the host (BYO-VM agent, ACI, ECS, serve's local runner): the shard to run and the
/// grants it needs to report without any storage key: <see cref="ResultUploadUrl"/> (a SAS URL that can create or
/// overwrite that shard's result blob and nothing else), <see cref="DoneQueueUrl"/> (a SAS URL that can only add
/// messages to the collect queue, where the runner puts a <see cref="ShardDone"/> naming <see cref="ResultBlobName"/>)
/// and <see cref="InterimUploadUrl"/> (the same kind of grant for the shard's interim snapshot blob; null in items
/// made before live figures existed). All expire at <see cref="ExpiresOn"/>, the run's deadline. The URLs are
/// secrets: never log them.
/// </summary>
public sealed record PoolWorkItem(
    ShardSpec Spec,
    Uri ResultUploadUrl,
    string ResultBlobName,
    Uri DoneQueueUrl,
    DateTimeOffset ExpiresOn,
    Uri? InterimUploadUrl = null);
