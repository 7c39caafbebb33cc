using LoadOps.Core.Definitions;
using LoadOps.Core.JsonPaths;
using LoadOps.Core.Parsing;

namespace LoadOps.Core.Validation;

/// <summary>
/// Reads <c>expect:</c>: status (one or a list), contains, regex, json (JSONPath → expected scalar), and for WebSocket
/// steps message (the exact reply).
/// </summary>
internal sealed class ExpectReader(FieldReader reader)
{
    private static readonly string[] Keys = ["status", "contains", "regex", "json", "message"];

    private ErrorCollector Errors => reader.Errors;

    public ExpectSpec? Read(SourceNode node, string path, bool webSocket = false)
    {
        if (reader.Mapping(node, path, "expect", Keys) is not { } fields)
            return null;
        var before = Errors.Errors.Count(e => e.Severity == Severity.Error);
        if (webSocket && fields.Has("status"))
            Errors.Error(fields.KeyAt("status"), ValidationCodes.StatusOnWebSocketStep,
                $"{path}.status: a WebSocket reply has no status code; check the reply with message, contains, regex or json");
        if (!webSocket && fields.Has("message"))
            Errors.Error(fields.KeyAt("message"), ValidationCodes.FieldOfOtherStepKind,
                $"{path}.message checks a WebSocket reply; for an HTTP response use contains, regex or json");
        var message = fields["message"] is { } m ? reader.Text(m, $"{path}.message") : null;
        var status = fields["status"] is { } s ? ReadStatus(s, $"{path}.status") : [];
        var contains = fields["contains"] is { } c ? reader.Text(c, $"{path}.contains") : null;
        var regex = fields["regex"] is { } r ? reader.Text(r, $"{path}.regex") : null;
        if (regex is not null)
            ExtractReader.RegexIsValid(regex, fields["regex"]!, $"{path}.regex", Errors);
        var json = fields["json"] is { } j ? ReadJson(j, $"{path}.json") : new Dictionary<string, string>();
        if (Errors.Errors.Count(e => e.Severity == Severity.Error) > before)
            return null;
        return new ExpectSpec { Status = status, BodyContains = contains, BodyRegex = regex, Json = json, Message = message };
    }

    private List<int> ReadStatus(SourceNode node, string path)
    {
        var items = node is SourceSequence sequence ? sequence.Items : [node];
        var codes = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = node is SourceSequence ? $"{path}[{i}]" : path;
            if (items[i] is not SourceScalar { IsPlain: true } scalar || ScalarType.Of(scalar) != ScalarKind.Integer)
            {
                reader.WrongType(items[i], itemPath, "an HTTP status code such as 200, or a list such as [200, 201]");
                continue;
            }
            if (reader.WholeNumber(scalar, itemPath, 100, 599, ValidationCodes.InvalidStatus) is { } code)
                codes.Add((int)code);
        }
        return codes;
    }

    private Dictionary<string, string> ReadJson(SourceNode node, string path)
    {
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is not SourceMapping mapping)
        {
            reader.WrongType(node, path, "a mapping of JSONPaths to expected values, e.g. { \"$.ok\": true }");
            return expected;
        }
        foreach (var entry in mapping.Entries)
        {
            if (!JsonPathParser.TryParse(entry.Key.Value, out _, out var failure))
            {
                Errors.Error(entry.Key.PositionOf(failure!.Offset), ValidationCodes.InvalidJsonPath, $"{path}: {failure.Message}");
                continue;
            }
            if (entry.Value is not SourceScalar value)
            {
                reader.WrongType(entry.Value, $"{path}.{entry.Key.Value}", "a single value (text, number, true/false or null)");
                continue;
            }
            expected[entry.Key.Value] = SourceJson.Scalar(value);
        }
        return expected;
    }
}
