namespace LoadOps.Pipeline;

/// <summary>A cloud provider refused or failed to check or release a runner; the message is the provider's, secret-free.</summary>
public sealed class RunnerTeardownException(string message, Exception inner) : Exception(message, inner);
