using LoadOps.Runner.Http;

namespace LoadOps.Runner.Execution;

/// <summary>What a host may change about how a shard runs; the defaults suit a container or a local process.</summary>
public sealed record ShardRunnerOptions
{
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where progress lines go (secret values are masked before anything is written).</summary>
    public TextWriter Output { get; init; } = Console.Out;

    /// <summary>Reads environment variables; secrets come from <c>LOADOPS_SECRET_NAME</c>.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>After a stop (signal, cancellation, deadline), how long in-flight requests may still finish.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The HTTP client; null (the default) follows the definition: the lean raw HTTP/1.1 client, or .NET's HttpClient
    /// when <c>target.http</c> is 2. Set only to override (benchmarks, diagnosis).
    /// </summary>
    public HttpTransportKind? Transport { get; init; }

    /// <summary>Schedule lag beyond which a late start is reported as a trust issue.</summary>
    public TimeSpan LateStartTolerance { get; init; } = TimeSpan.FromSeconds(1);
}
