using System.Net;
using System.Net.Sockets;

namespace LoadOps.Core.Policy;

/// <summary>
/// Checks where a connection would really go, not only the host name the policy allowed: every address the name
/// resolves to must be acceptable (a hosts-file entry or DNS answer pointing elsewhere is refused), and the caller
/// connects to the returned address, never resolving again. <c>localhost</c> (with or without the trailing dot) is
/// loopback by definition and is not looked up.
/// </summary>
public static class EgressGuard
{
    /// <summary>The pure check: <paramref name="resolved"/> are the addresses <paramref name="host"/> resolved to.</summary>
    public static EgressDecision Check(string host, IReadOnlyList<IPAddress> resolved, EgressRules rules)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(resolved);
        ArgumentNullException.ThrowIfNull(rules);
        var name = host.Trim().Trim('[', ']').TrimEnd('.').ToLowerInvariant();
        if (resolved.Count == 0)
            return new EgressDecision(null, $"'{host}' resolved to no address");
        var loopbackName = IsLoopbackName(name);
        foreach (var address in resolved)
        {
            var problem = Problem(name, loopbackName, Unmapped(address), rules);
            if (problem is not null)
                return new EgressDecision(null, $"'{host}' resolves to {address}: {problem}");
        }
        return new EgressDecision(Unmapped(resolved[0]), null);
    }

    /// <summary>Resolves <paramref name="host"/> (an IP literal as itself, localhost without DNS) and checks every address.</summary>
    public static async Task<EgressDecision> CheckAsync(string host, EgressRules rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.Trim().Trim('[', ']').TrimEnd('.');
        IReadOnlyList<IPAddress> addresses;
        if (IPAddress.TryParse(name, out var literal))
            addresses = [literal];
        else if (IsLoopbackName(name.ToLowerInvariant()))
            addresses = [IPAddress.Loopback];
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(name, cancellationToken);
            }
            catch (SocketException e)
            {
                return new EgressDecision(null, $"'{host}' could not be resolved ({e.SocketErrorCode})");
            }
        }
        return Check(host, addresses, rules);
    }

    private static string? Problem(string name, bool loopbackName, IPAddress address, EgressRules rules)
    {
        var isLoopback = IPAddress.IsLoopback(address);
        if (loopbackName)
            return isLoopback ? null : "a loopback name must stay on loopback";
        if (isLoopback)
            return IPAddress.TryParse(name, out _) ? null : "a non-loopback name must not lead to loopback";
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            return "the unspecified address is no target";
        if (IsLinkLocal(address) && !rules.AllowLinkLocal)
            return "link-local addresses (cloud metadata services) are not allowed";
        if (IsPrivate(address) && !rules.AllowPrivate)
            return "private addresses are allowed only when the runner allows private targets";
        return null;
    }

    private static bool IsLoopbackName(string name) => name is "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal);

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static bool IsLinkLocal(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork ? address.GetAddressBytes() is [169, 254, ..] : address.IsIPv6LinkLocal;

    private static bool IsPrivate(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return (address.GetAddressBytes()[0] & 0xFE) == 0xFC || address.IsIPv6SiteLocal;
        var b = address.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 100 && b[1] is >= 64 and <= 127);
    }
}
