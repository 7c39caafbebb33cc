using System.Security.Cryptography;
using System.Text;

namespace LoadOps.Pipeline;

/// <summary>
/// Run ids derived from the request and the test, so a redelivered request finds the runs it already created instead
/// of starting them again: <c>{test}-{12 hex digits}</c>.
/// </summary>
public static class RunIds
{
    public static string For(string requestId, string testName)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        ArgumentException.ThrowIfNullOrEmpty(testName);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(requestId + "\n" + testName)))[..12];
        var readable = new string(testName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').Take(40).ToArray()).Trim('-');
        return readable.Length == 0 ? "run-" + hash : $"{readable}-{hash}";
    }
}
