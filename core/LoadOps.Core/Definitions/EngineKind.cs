using System.Text.Json.Serialization;

namespace LoadOps.Core.Definitions;

/// <summary>Who issues a definition's load.</summary>
public enum EngineKind
{
    /// <summary>LoadOps' own runner, from the definition's scenarios (the default).</summary>
    [JsonStringEnumMemberName("loadops")]
    LoadOps,

    /// <summary>Apache JMeter in non-GUI mode inside the runner, from the team's own plan (<c>script:</c>).</summary>
    [JsonStringEnumMemberName("jmeter")]
    JMeter,
}
