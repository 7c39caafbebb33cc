using System.Text.Json.Serialization;

namespace LoadOps.Core.Results;

/// <summary>
/// How the run was made, where that changes how its numbers may be read: certificate checks switched off, and load
/// settings given on the command line instead of the definition's (such a run is not comparable with a baseline of
/// runs made without the same overrides).
/// </summary>
public sealed record RunSettings
{
    /// <summary>The runner accepted any TLS certificate (<c>target.tls.insecureSkipVerify</c>).</summary>
    public bool InsecureTls { get; init; }

    /// <summary>The HTTP version asked for by the definition (1 or 2).</summary>
    public int Http { get; init; } = 1;

    /// <summary>Load settings overridden at launch (<c>rate</c>, <c>users</c>, <c>duration</c> → the value given); null when none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Overrides { get; init; }

    /// <summary>True when nothing here is out of the ordinary (nothing worth writing into a result).</summary>
    [JsonIgnore]
    public bool IsPlain => !InsecureTls && Http == 1 && Overrides is null or { Count: 0 };
}
