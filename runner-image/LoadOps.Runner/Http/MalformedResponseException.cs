namespace LoadOps.Runner.Http;

/// <summary>The target's response is not valid HTTP/1.x (counted as a <c>protocol</c> error, not a reset).</summary>
internal sealed class MalformedResponseException(string message) : IOException(message);
