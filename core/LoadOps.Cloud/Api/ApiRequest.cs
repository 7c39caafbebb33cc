namespace LoadOps.Cloud.Api;

/// <summary>
/// One HTTP request to the LoadOps API, as plain values so that every host (the Functions handler, <c>loadops serve</c>,
/// tests) can hand it over without sharing a web framework. <see cref="BaseUrl"/> is where the caller reached the API
/// (scheme and host, no trailing slash); links in answers are built from it.
/// </summary>
public sealed record ApiRequest(string Method, string Path, string BaseUrl)
{
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();

    /// <summary>The <c>Authorization</c> header as sent; never logged, never echoed.</summary>
    public string? Authorization { get; init; }

    public string? Body { get; init; }

    /// <summary>
    /// The caller the host authenticated (<c>ApiAuthorization</c>, the bearer scheme); null: <see cref="RunApi"/> checks
    /// <see cref="Authorization"/> itself (callers without an HTTP host, such as tests).
    /// </summary>
    public ApiCaller? Caller { get; init; }

    /// <summary>A query value, matched without regard to case; null when absent or blank.</summary>
    public string? QueryValue(string name) =>
        Query.FirstOrDefault(q => string.Equals(q.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } value
            && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
