namespace LoadOps.Cloud.Api;

/// <summary>The answer of <c>GET /api/runs?...</c>: the matching runs, oldest first (empty while none exists yet).</summary>
public sealed record RunList(IReadOnlyList<RunView> Runs);
