namespace LoadOps.Functions.Stages;

/// <summary>A stage message that is not the record its queue carries; the host retries it, then poisons it.</summary>
public sealed class StageMessageException(string message) : Exception(message);
