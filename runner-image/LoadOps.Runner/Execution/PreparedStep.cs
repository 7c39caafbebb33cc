using LoadOps.Core.Templates;

namespace LoadOps.Runner.Execution;

/// <summary>A step made ready to run: templates parsed, checks and extractions compiled, fixed parts precomputed.</summary>
internal sealed record PreparedStep
{
    /// <summary>Position among all steps of the shard; the index of its figures in the recorder.</summary>
    public required int Index { get; init; }
    public required string Scenario { get; init; }
    public required string Name { get; init; }
    public required HttpMethod Method { get; init; }
    public required Template Path { get; init; }

    /// <summary>The URL when the path has no template, resolved once.</summary>
    public Uri? FixedUri { get; init; }

    public required IReadOnlyList<(string Name, Template Value)> Headers { get; init; }
    public Template? Body { get; init; }
    public JsonBodyTemplate? Json { get; init; }
    public required TimeSpan Timeout { get; init; }

    /// <summary>Set on a WebSocket step: the message sent on the socket at <see cref="Path"/>; the reply is what the checks read.</summary>
    public Template? Send { get; init; }

    /// <summary>The pause after the step (<c>think</c>); zero for none.</summary>
    public TimeSpan Think { get; init; }
    public required ResponseChecks Checks { get; init; }

    /// <summary>True when nothing in the request changes between requests, so its bytes can be built once.</summary>
    public required bool IsFixed { get; init; }

    /// <summary>Rough size of the request line and fixed headers, for the bytes-sent figure.</summary>
    public required int HeaderBytesEstimate { get; init; }
}
