namespace LoadOps.Cloud.Api;

/// <summary>One API token: <c>Sha256</c> is the hex SHA-256 of the token's UTF-8 text (<c>printf %s "$TOKEN" | sha256sum</c>).</summary>
public sealed class ApiTokenOptions
{
    public string? Sha256 { get; init; }

    /// <summary><c>owner/name</c>: the token may start and read runs of that repository only. Empty: any repository.</summary>
    public string? Repository { get; init; }
}
