using LoadOps.Runner.Http;

namespace LoadOps.Runner.Agent;

/// <summary>How an agent runs, from its flags and environment (<see cref="AgentArguments"/>).</summary>
internal sealed record AgentSettings
{
    public required string Pool { get; init; }

    /// <summary>Where shard folders wait until their result is uploaded and reported (survives restarts).</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>Storage queues: how long a received item stays hidden; the lock is renewed every third of it.</summary>
    public TimeSpan LockDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Service Bus: how often the lock is renewed (its length is the queue's LockDuration; keep this below half of it).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long to wait after finding the queue empty.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>An item that could not start this often (e.g. a secret missing on every agent) is dropped.</summary>
    public int MaxDeliveries { get; init; } = 5;

    /// <summary>The HTTP client for every shard; null (the default) follows each definition's <c>target.http</c>.</summary>
    public HttpTransportKind? Transport { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
