using System.Security.Cryptography;
using System.Text;

namespace LoadOps.Core.Webhooks;

/// <summary>GitHub's <c>X-Hub-Signature-256</c>: <c>sha256=</c> + hex HMAC-SHA256 of the raw body with the webhook secret.</summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-Hub-Signature-256";
    private const string Prefix = "sha256=";

    /// <summary>True only for a well-formed header whose HMAC matches; compared in constant time.</summary>
    public static bool IsValid(string secret, ReadOnlySpan<byte> body, string? header)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (ClaimedHash(header) is not { } claimed)
            return false;
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, claimed);
    }

    /// <summary>The 32 bytes a well-formed header claims, or null: a body without one need not be read at all.</summary>
    public static byte[]? ClaimedHash(string? header)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal) || header.Length != Prefix.Length + 64)
            return null;
        var claimed = new byte[32];
        return Convert.FromHexString(header.AsSpan(Prefix.Length), claimed, out _, out var written) == System.Buffers.OperationStatus.Done && written == 32
            ? claimed
            : null;
    }

    /// <summary>An HMAC to feed the body to as it arrives (<see cref="IncrementalHash.AppendData(byte[])"/>).</summary>
    public static IncrementalHash StartHash(string secret) => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));

    /// <summary>The header value GitHub would send for <paramref name="body"/>; used by tests and the local webhook sender.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
