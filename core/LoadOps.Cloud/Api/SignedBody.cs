using System.Security.Cryptography;
using LoadOps.Core.Webhooks;
using Microsoft.AspNetCore.WebUtilities;

namespace LoadOps.Cloud.Api;

/// <summary>
/// Reads a webhook body while its HMAC is computed, so a body that is not GitHub's never sits in memory whole: up to
/// <see cref="MemoryBytes"/> stay in memory, the rest waits in a temporary file that is deleted with the answer. The
/// bytes are handed out only once the signature matched; a body over the limit stops being read at the limit.
/// </summary>
public static class SignedBody
{
    /// <summary>What a body may hold in memory before the signature is known; larger ones are buffered on disk.</summary>
    public const int MemoryBytes = 64 * 1024;

    /// <summary>The verified body, or null with <paramref name="tooLarge"/> saying why not (over the limit, or a wrong signature).</summary>
    public static async Task<(byte[]? Body, bool TooLarge)> ReadAsync(Stream body, string secret, byte[] claimedHash, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(claimedHash);
        using var hash = WebhookSignature.StartHash(secret);
        await using var buffer = new FileBufferingWriteStream(MemoryBytes);
        var chunk = new byte[16 * 1024];
        long length = 0;
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            length += read;
            if (length > limit)
                return (null, true);
            hash.AppendData(chunk, 0, read);
            await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
        }
        if (!CryptographicOperations.FixedTimeEquals(hash.GetHashAndReset(), claimedHash))
            return (null, false);
        using var verified = new MemoryStream((int)length);
        await buffer.DrainBufferAsync(verified, cancellationToken);
        return (verified.ToArray(), false);
    }
}
