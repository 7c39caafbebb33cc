namespace LoadOps.Core.Definitions;

/// <summary>
/// One HTTP request, or with <see cref="WebSocket"/> one message on a WebSocket (<see cref="Path"/> is then the socket's path). <see cref="Path"/>, header values and bodies are templates
/// (<c>{{ random 1 10 }}</c>, <c>{{ uuid }}</c>, <c>{{ variable }}</c>).
/// </summary>
public sealed record StepSpec
{
    public required string Name { get; init; }
    public required string Method { get; init; }
    public required string Path { get; init; }
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Raw body text (template); mutually exclusive with <see cref="Json"/>.</summary>
    public string? Body { get; init; }

    /// <summary>JSON body as JSON text (template applied to string values); sent with content type application/json.</summary>
    public string? Json { get; init; }

    public IReadOnlyList<ExtractSpec> Extract { get; init; } = [];
    public ExpectSpec? Expect { get; init; }

    /// <summary>Overrides the target's timeout for this step.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// Think time: how long the virtual user pauses after this step (whatever its outcome, unless the iteration ends
    /// there on a failure) before its next step or, closed model, its next iteration. Not part of any latency.
    /// </summary>
    public TimeSpan Think { get; init; }

    /// <summary>Set on a WebSocket step: the message to send; the reply is what <see cref="Expect"/> and <see cref="Extract"/> read.</summary>
    public WebSocketSpec? WebSocket { get; init; }

    public SourcePosition At { get; init; }
}

/// <summary>
/// A WebSocket step: connect (once per virtual user and path, reused by later steps) to <see cref="StepSpec.Path"/>
/// on the target (ws:// for an http baseUrl, wss:// for https), send <see cref="Send"/> (a template), await one reply.
/// </summary>
public sealed record WebSocketSpec(string Send);

public enum ExtractKind
{
    /// <summary>A JSONPath on the response body, e.g. <c>$.items[0].id</c>.</summary>
    JsonPath,

    /// <summary>A regular expression on the response body; the first capture group (or the whole match).</summary>
    Regex,

    /// <summary>A response header's value.</summary>
    Header,
}

/// <summary>Stores a value from the response into a per-virtual-user variable.</summary>
public sealed record ExtractSpec(string Variable, ExtractKind Kind, string Expression);

/// <summary>Checks on a response; a failed check counts the request as failed with kind <c>check</c> (or <c>status</c>).</summary>
public sealed record ExpectSpec
{
    /// <summary>Accepted status codes; empty means any 2xx/3xx.</summary>
    public IReadOnlyList<int> Status { get; init; } = [];
    public string? BodyContains { get; init; }

    /// <summary>WebSocket steps: the reply must be exactly this text.</summary>
    public string? Message { get; init; }
    public string? BodyRegex { get; init; }

    /// <summary>JSONPath → expected value (compared as JSON text, e.g. <c>true</c>, <c>"ok"</c>, <c>3</c>).</summary>
    public IReadOnlyDictionary<string, string> Json { get; init; } = new Dictionary<string, string>();
}
