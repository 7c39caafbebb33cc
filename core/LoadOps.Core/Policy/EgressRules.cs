namespace LoadOps.Core.Policy;

/// <summary>
/// Which address ranges load may go to besides public ones. Loopback is never a choice: a loopback name must resolve to
/// loopback only, and any other name must not resolve to loopback.
/// </summary>
public sealed record EgressRules
{
    /// <summary>10/8, 172.16/12, 192.168/16, 100.64/10 (carrier NAT), fc00::/7: a staging network inside the company.</summary>
    public bool AllowPrivate { get; init; }

    /// <summary>169.254/16 and fe80::/10, where cloud metadata services answer (169.254.169.254): almost never wanted.</summary>
    public bool AllowLinkLocal { get; init; }

    public static EgressRules Strict { get; } = new();
}
