namespace LoadOps.Core.Definitions;

/// <summary>
/// How a runner trusts an https target (<c>target.tls</c>). The server name sent (SNI) and checked is always the
/// host of <c>baseUrl</c>.
/// </summary>
public sealed record TlsSpec
{
    /// <summary>A PEM file of certificate authorities trusted besides the system's (a staging CA, a self-signed certificate); read on the runner.</summary>
    public string? CaFile { get; init; }

    /// <summary>Accept any certificate. Only when the policy says <c>allowInsecureTls: true</c>; every result of such a run says so.</summary>
    public bool InsecureSkipVerify { get; init; }
}
