namespace LoadOps.Pipeline;

/// <summary>
/// A queue of typed stage messages with at-least-once delivery: a received message stays invisible for a while and
/// comes back unless deleted. Implemented over Azure Storage Queues (<see cref="StageQueue"/>); Service Bus comes later.
/// </summary>
public interface IStageQueue
{
    string Name { get; }

    /// <summary>Sends a message as JSON; <paramref name="delay"/> keeps it invisible for that long first.</summary>
    Task SendAsync<T>(T message, CancellationToken cancellationToken, TimeSpan? delay = null)
        where T : class;

    /// <summary>
    /// Receives up to <paramref name="maxMessages"/> messages, hidden for <paramref name="visibilityTimeout"/>. Messages
    /// received too often, or not readable as <typeparamref name="T"/>, are moved to the poison queue and returned in
    /// <see cref="StageBatch{T}.Poisoned"/> so the caller can fail their run with the reason.
    /// </summary>
    Task<StageBatch<T>> ReceiveAsync<T>(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
        where T : class;

    /// <summary>Removes a handled message.</summary>
    Task DeleteAsync(StageReceipt receipt, CancellationToken cancellationToken);

    /// <summary>Makes a message visible again at once (handling failed; let it be retried); returns nothing to keep.</summary>
    Task AbandonAsync(StageReceipt receipt, CancellationToken cancellationToken);

    /// <summary>Keeps a message hidden for <paramref name="visibilityTimeout"/> more; use the returned receipt from then on.</summary>
    Task<StageReceipt> ExtendAsync(StageReceipt receipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken);
}
