using System.Globalization;
using System.Security.Cryptography;

namespace LoadOps.Core.Planning;

/// <summary>What a run is of: its id and the commit and branch it tests.</summary>
public sealed record RunIdentity(string RunId, string? Commit = null, string? Branch = null)
{
    /// <summary>
    /// A new run id that sorts by start time and is unique without coordination:
    /// <c>20261123T104500Z-1a2b3c</c>.
    /// </summary>
    public static string NewRunId(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" +
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
}
