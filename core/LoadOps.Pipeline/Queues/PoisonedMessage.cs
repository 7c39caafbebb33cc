namespace LoadOps.Pipeline;

/// <summary>
/// A message moved to the poison queue: its raw JSON, the parsed body when it could be read (so the caller can find the
/// run and mark it failed), and why it was given up.
/// </summary>
public sealed record PoisonedMessage<T>(string MessageId, string RawBody, T? Body, long DequeueCount, string Reason)
    where T : class;
