using System.Text;
using System.Text.RegularExpressions;
using System.Text.Json;
using LoadOps.Core.Definitions;
using LoadOps.Core.JsonPaths;

namespace LoadOps.Runner.Execution;

/// <summary>A step's <c>expect</c> checks and <c>extract</c> rules, compiled; applied to one response at a time.</summary>
internal sealed class ResponseChecks
{
    private readonly int[] _status;
    private readonly byte[]? _bodyContains;
    private readonly Regex? _bodyRegex;
    private readonly (JsonPath Path, JsonElement Expected)[] _jsonEquals;
    private readonly Extraction[] _extract;

    public ResponseChecks(int[] status, byte[]? bodyContains, Regex? bodyRegex, (JsonPath, JsonElement)[] jsonEquals, Extraction[] extract)
    {
        _status = status;
        _bodyContains = bodyContains;
        _bodyRegex = bodyRegex;
        _jsonEquals = jsonEquals;
        _extract = extract;
        NeedsBody = bodyContains is not null || bodyRegex is not null || jsonEquals.Length > 0 || extract.Any(e => e.Kind != ExtractKind.Header);
        _needsJson = jsonEquals.Length > 0 || extract.Any(e => e.Kind == ExtractKind.JsonPath);
        _needsText = bodyRegex is not null || extract.Any(e => e.Kind == ExtractKind.Regex);
        NeedsHeaders = extract.Any(e => e.Kind == ExtractKind.Header);
    }

    /// <summary>WebSocket steps: the reply must be exactly these bytes (<c>expect.message</c>).</summary>
    public byte[]? ExactMessage { get; init; }

    private readonly bool _needsJson;
    private readonly bool _needsText;

    /// <summary>True when a check or extraction reads the body, so it must be kept rather than only counted.</summary>
    public bool NeedsBody { get; }

    /// <summary>True when an extraction reads a response header.</summary>
    public bool NeedsHeaders { get; }

    public bool StatusAccepted(int status) => _status.Length == 0 ? status is >= 200 and < 400 : Array.IndexOf(_status, status) >= 0;

    /// <summary>
    /// Runs the body checks and extractions; returns the first check that failed and why (the full text: it is masked
    /// before anything shortens it), or null when the response passed.
    /// </summary>
    public CheckFailure? Apply(ReadOnlyMemory<byte> body, Func<string, string?>? header, VirtualUser user)
    {
        if (ExactMessage is not null && !body.Span.SequenceEqual(ExactMessage))
            return new("message", "the reply is not the expected message");
        if (_bodyContains is not null && body.Span.IndexOf(_bodyContains) < 0)
            return new("contains", "the body does not contain the expected text");
        var text = _needsText ? Encoding.UTF8.GetString(body.Span) : null;
        if (_bodyRegex is not null && !SafeIsMatch(_bodyRegex, text!))
            return new("regex", $"the body does not match /{_bodyRegex}/");

        JsonDocument? document = null;
        try
        {
            if (_needsJson)
            {
                try
                {
                    document = JsonDocument.Parse(body);
                }
                catch (JsonException)
                {
                    return new("json", "the body is not JSON");
                }
            }
            foreach (var (path, expected) in _jsonEquals)
            {
                var actual = path.First(document!.RootElement);
                if (actual is null)
                    return new($"json {path}", $"{path} selects nothing");
                if (!JsonElement.DeepEquals(actual.Value, expected))
                    return new($"json {path}", $"{path} is {actual.Value.GetRawText()}, expected {expected.GetRawText()}");
            }
            foreach (var rule in _extract)
            {
                var value = rule.Read(document?.RootElement, text, header);
                if (value is null)
                    return new($"extract {rule.Variable}", $"extract '{rule.Variable}': {rule.Expression} found nothing");
                user.Variables[rule.Variable] = value;
            }
            return null;
        }
        finally
        {
            document?.Dispose();
        }
    }

    private static bool SafeIsMatch(Regex regex, string text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}

/// <summary>A failed check: its name (the <c>expect</c> or <c>extract</c> key it comes from) and what the response had instead.</summary>
internal readonly record struct CheckFailure(string Check, string Message);
