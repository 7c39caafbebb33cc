namespace LoadOps.Cloud.Pipeline;

/// <summary>How a <see cref="QueuePump"/> reads the stage queues.</summary>
public sealed record QueuePumpOptions
{
    /// <summary>Messages taken from one queue per round (1..32).</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>How long a received message stays hidden; it comes back after this if the worker dies.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Deliveries before a message is poisoned (host.json's maxDequeueCount is 5 too).</summary>
    public int MaxDequeueCount { get; init; } = 5;
}
