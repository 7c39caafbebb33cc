namespace LoadOps.Core.Pipeline;

/// <summary>Plan → dispatch: the run's plan is stored; launch its shards.</summary>
public sealed record DispatchRun(string RunId) : IRunMessage;
