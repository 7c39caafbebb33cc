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

    private readonly bool _needsJson;
    private readonly bool _needsText;

    /// <summary>True when a check or extraction reads the body, so it must be kept rather than only counted.</summary>
    public bool NeedsBody { get; }

    /// <summary>True when an extraction reads a response header.</summary>
    public bool NeedsHeaders { get; }

    public bool StatusAccepted(int status) => _status.Length == 0 ? status is >= 200 and < 400 : Array.IndexOf(_status, status) >= 0;

    /// <summary>Runs the body checks and extractions; returns why the response failed, or null when it passed.</summary>
    public string? Apply(ReadOnlyMemory<byte> body, Func<string, string?>? header, VirtualUser user)
    {
        if (_bodyContains is not null && body.Span.IndexOf(_bodyContains) < 0)
            return "the body does not contain the expected text";
        var text = _needsText ? Encoding.UTF8.GetString(body.Span) : null;
        if (_bodyRegex is not null && !SafeIsMatch(_bodyRegex, text!))
            return $"the body does not match /{_bodyRegex}/";

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
                    return "the body is not JSON";
                }
            }
            foreach (var (path, expected) in _jsonEquals)
            {
                var actual = path.First(document!.RootElement);
                if (actual is null)
                    return $"{path} selects nothing";
                if (!JsonElement.DeepEquals(actual.Value, expected))
                    return $"{path} is {Shorten(actual.Value.GetRawText())}, expected {expected.GetRawText()}";
            }
            foreach (var rule in _extract)
            {
                var value = rule.Read(document?.RootElement, text, header);
                if (value is null)
                    return $"extract '{rule.Variable}': {rule.Expression} found nothing";
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

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
