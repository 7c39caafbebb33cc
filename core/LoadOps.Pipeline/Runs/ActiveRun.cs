using LoadOps.Core.Policy;
using LoadOps.Pipeline.Cost;
using LoadOps.Pipeline.Live;
using LoadOps.Pipeline.Publish;

namespace LoadOps.Pipeline;

/// <summary>A run admitted under its repository's concurrent caps, with what it takes at its peak.</summary>
public sealed record ActiveRun(string Repository, string RunId, RunDemand Demand);
