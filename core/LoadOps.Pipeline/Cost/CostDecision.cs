using LoadOps.Core.Cost;

namespace LoadOps.Pipeline.Cost;

/// <summary>The budget check of a run before dispatch: allowed (with its estimate) or refused, saying why.</summary>
public sealed record CostDecision(bool Allowed, CostEstimate Estimate, string Message);
