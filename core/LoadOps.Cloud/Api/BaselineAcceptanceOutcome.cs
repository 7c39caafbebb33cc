namespace LoadOps.Cloud.Api;

/// <summary>What an accept did: the runs whose level became a baseline (run ids), and, in words, each test's outcome.</summary>
public sealed record BaselineAcceptanceOutcome(IReadOnlyList<string> AcceptedRuns, IReadOnlyList<string> Lines)
{
    public string Message => string.Join("; ", Lines);
}
