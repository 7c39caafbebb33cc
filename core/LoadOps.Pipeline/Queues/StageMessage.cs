namespace LoadOps.Pipeline;

/// <summary>A received message: its body, its receipt, and how many times it has been received (this time included).</summary>
public sealed record StageMessage<T>(T Body, StageReceipt Receipt, long DequeueCount, DateTimeOffset? InsertedOn)
    where T : class
{
    /// <summary>The decoded JSON text as it was sent; what <see cref="StageQueue.PoisonAsync{T}"/> parks in the poison queue.</summary>
    public string RawBody { get; init; } = "";
}
