namespace LoadOps.Pipeline;

/// <summary>The result of one receive: messages to handle, and messages that were just moved to the poison queue.</summary>
public sealed record StageBatch<T>(IReadOnlyList<StageMessage<T>> Messages, IReadOnlyList<PoisonedMessage<T>> Poisoned)
    where T : class;
