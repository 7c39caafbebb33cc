using LoadOps.Core.Policy;

namespace LoadOps.Pipeline;

/// <summary>A run admitted under its repository's concurrent caps, with what it takes at its peak.</summary>
public sealed record ActiveRun(string Repository, string RunId, RunDemand Demand);
