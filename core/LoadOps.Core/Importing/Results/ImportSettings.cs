using System.Security.Cryptography;
using System.Text;

namespace LoadOps.Core.Importing.Results;

/// <summary>
/// How an imported run is named in its result file. Runs imported under one <see cref="Name"/> can be compared; files
/// given one <see cref="RunId"/> (e.g. the JTLs of several JMeter machines in one test) can be merged.
/// </summary>
public sealed record ImportSettings(string Tool, string Name, string RunId)
{
    /// <summary>
    /// The imported file's own id (written as the result's shard id), so that merging one file twice is refused instead
    /// of counting its requests twice; <see cref="RunIdOf"/> of the file's content.
    /// </summary>
    public string? SourceId { get; init; }

    /// <summary>Length of the result's intervals; null for the default (5 s). A JMeter shard uses its run's interval, so its shards merge.</summary>
    public TimeSpan? Interval { get; init; }

    /// <summary>Stands in for the definition hash: runs imported from one tool under one name share it, so they merge and compare.</summary>
    public string DefinitionHash =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"import/{Tool}/{Name}")))[..16];

    /// <summary>The run id a file gets when none is given: the tool and a digest of the file's content, so re-importing it gives the same id.</summary>
    public static string RunIdOf(string tool, string content) =>
        $"{tool}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..12]}";
}
