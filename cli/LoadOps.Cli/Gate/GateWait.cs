using LoadOps.Cloud.Api;

namespace LoadOps.Cli.Gate;

/// <summary>How the wait ended: the runs as last seen, whether all finished, or the reason it stopped early (exit 2).</summary>
internal sealed record GateWait(IReadOnlyList<RunView> Runs, bool Finished, string? Failure = null);
