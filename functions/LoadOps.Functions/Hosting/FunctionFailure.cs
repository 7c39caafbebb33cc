namespace LoadOps.Functions.Hosting;

/// <summary>
/// A function could not do its work with this input (a malformed message, say). The host is told with a 500 so it
/// retries and, after maxDequeueCount tries, moves the message to the poison queue.
/// </summary>
public sealed class FunctionFailure(string message) : Exception(message);
