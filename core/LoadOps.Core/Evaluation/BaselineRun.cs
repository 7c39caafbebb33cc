namespace LoadOps.Core.Evaluation;

/// <summary>An earlier run as the evaluation used it: enough to chart p95 over the last runs and name commits.</summary>
public sealed record BaselineRun(string RunId, string? Commit, DateTimeOffset Start, double? P95);
