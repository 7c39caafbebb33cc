namespace LoadOps.Core.Pipeline;

/// <summary>Collect → evaluate: the run's merged result is stored; judge it against thresholds and the baseline.</summary>
public sealed record EvaluateRun(string RunId) : IRunMessage;
