using System.Security.Cryptography;
using System.Text;

namespace LoadOps.Core.Definitions;

/// <summary>Identifies a definition's exact text, so baselines only compare runs of the same test shape.</summary>
public static class DefinitionHash
{
    /// <summary>
    /// The identity of a definition run by another engine: its text and its plan's (<see cref="EngineSpec.Plan"/>), so a
    /// changed JMeter plan starts a new baseline like a changed definition does.
    /// </summary>
    public static string Of(string definitionText, string? planText) =>
        planText is null ? Of(definitionText) : Of(definitionText + "\n\0jmeter plan\n" + planText);

    public static string Of(string definitionText)
    {
        // Line endings must not change the identity of a test checked out on another OS.
        var normalised = definitionText.Replace("\r\n", "\n", StringComparison.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)))[..16];
    }
}
