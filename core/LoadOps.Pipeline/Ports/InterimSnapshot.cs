namespace LoadOps.Pipeline;

/// <summary>
/// A shard's latest interim snapshot as the store lists it: its name and a version that changes whenever the snapshot
/// is written again (the blob's ETag on Azure), even with the same bytes. Equal versions mean the same content, so a
/// reader that kept what it read of one version need not read it again. Null when the store could not say: such a
/// snapshot is read every time.
/// </summary>
public sealed record InterimSnapshot(string Name, string? Version);
