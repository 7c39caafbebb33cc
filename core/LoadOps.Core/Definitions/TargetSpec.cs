namespace LoadOps.Core.Definitions;

/// <summary>The system under test. Header values may hold <c>${{ secrets.NAME }}</c> references, resolved only on the runner.</summary>
public sealed record TargetSpec
{
    public required string BaseUrl { get; init; }
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Per-request timeout unless a step sets its own.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// HTTP version: 1 (default) runs on the runner's lean HTTP/1.1 client; 2 on .NET's HttpClient (HTTP/2 over TLS
    /// by ALPN, falling back to 1.1; cleartext HTTP/2 with prior knowledge for http:// targets).
    /// </summary>
    public int Http { get; init; } = 1;

    /// <summary>TLS trust settings for https targets; null for the system's trust store.</summary>
    public TlsSpec? Tls { get; init; }
}
