namespace LoadOps.Core.Pipeline;

/// <summary>Evaluate → report: the run's evaluation is stored; render and publish the reports.</summary>
public sealed record ReportRun(string RunId) : IRunMessage;
