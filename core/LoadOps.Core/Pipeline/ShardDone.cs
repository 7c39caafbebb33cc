namespace LoadOps.Core.Pipeline;

/// <summary>Runner → collect: a shard's result is in the results container under <see cref="ResultBlobName"/>.</summary>
public sealed record ShardDone(string RunId, string ShardId, string ResultBlobName) : IRunMessage;
