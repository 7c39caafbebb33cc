namespace LoadOps.Core.Reports;

/// <summary>A reason not to trust the run, in words a reviewer understands; shown at the top of every report.</summary>
public sealed record TrustWarning(TrustWarningKind Kind, string Message, string? ShardId = null);
