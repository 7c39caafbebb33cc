namespace LoadOps.Cloud.Pipeline;

/// <summary>
/// How the stage queues are read (<c>loadops serve</c>'s <see cref="QueuePump"/>) and how a failed stage message is
/// retried (both hosts: the Functions app's queue functions hide a failed message for <see cref="RetryDelayAfter"/> too).
/// </summary>
public sealed record QueuePumpOptions
{
    public const string SectionName = "LoadOps:Stages";

    /// <summary>Messages taken from one queue per round (1..32).</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>
    /// The lease: how long a received message stays hidden from other workers. The pump renews it while the message
    /// waits in its batch or is being handled, so this bounds how long a worker that dies holds its messages, not how
    /// long a stage may take.
    /// </summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Deliveries before a message is poisoned (host.json's maxDequeueCount is 5 too).</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>The wait before the first retry of a failed message; it doubles with every further attempt.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The wait before attempt <paramref name="failedAttempts"/> + 1: <see cref="RetryDelay"/> doubled per failure, capped.</summary>
    public TimeSpan RetryDelayAfter(long failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        var factor = Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(RetryDelay.Ticks * factor, MaxRetryDelay.Ticks));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }
}
