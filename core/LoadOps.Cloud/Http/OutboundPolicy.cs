namespace LoadOps.Cloud.Http;

/// <summary>
/// The resilience of calls to one outside system: retries (exponential with jitter, honouring Retry-After up to
/// <see cref="MaxRetryAfter"/>), a timeout per attempt and for the whole call, and a circuit breaker that stops calling
/// a system that keeps failing for <see cref="BreakDuration"/>.
/// </summary>
public sealed record OutboundPolicy
{
    public int MaxRetries { get; init; } = 3;
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A Retry-After longer than this is not waited for: the answer goes back to the caller, who says so.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>The breaker opens when this share of the calls in <see cref="SamplingDuration"/> failed, with at least <see cref="MinimumThroughput"/> calls.</summary>
    public double FailureRatio { get; init; } = 0.5;
    public int MinimumThroughput { get; init; } = 10;
    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(15);
}
