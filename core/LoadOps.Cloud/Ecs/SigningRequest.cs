namespace LoadOps.Cloud.Ecs;

/// <summary>The parts of a request that Signature Version 4 covers.</summary>
/// <param name="Path">The URI path as sent (percent-encoded or not); it is canonicalised when signing.</param>
/// <param name="Query">The raw query string without '?', or empty.</param>
/// <param name="Headers">Headers to sign; must include <c>host</c> and <c>x-amz-date</c>.</param>
/// <param name="PayloadHash">Lowercase hex SHA-256 of the body.</param>
public sealed record SigningRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string PayloadHash);
