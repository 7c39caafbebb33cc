namespace LoadOps.Pipeline;

/// <summary>What a cloud runner is doing: still running, or finished (successfully or not) with the provider's words.</summary>
public sealed record RunnerCheck(bool Finished, bool Failed, string Detail);
