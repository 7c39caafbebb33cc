namespace LoadOps.Core.Definitions;

/// <summary>The system under test. Header values may hold <c>${{ secrets.NAME }}</c> references, resolved only on the runner.</summary>
public sealed record TargetSpec
{
    public required string BaseUrl { get; init; }
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Per-request timeout unless a step sets its own.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
