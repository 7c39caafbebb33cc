using LoadOps.Core.Definitions;
using LoadOps.Core.Parsing;

namespace LoadOps.Core.Validation;

/// <summary>
/// Reads one step: <c>request: METHOD /path</c> (or <c>websocket: /path</c> with <c>send</c>), headers, body or json,
/// timeout, think, extract and expect.
/// </summary>
internal sealed class StepReader(FieldReader reader, VariableScope scope)
{
    /// <summary>The longest pause a step may ask for after it.</summary>
    public static readonly TimeSpan MaxThink = TimeSpan.FromMinutes(10);

    public static readonly string[] Keys = ["name", "request", "headers", "body", "json", "timeout", "think", "extract", "expect", "websocket", "send"];
    public static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

    private ErrorCollector Errors => reader.Errors;

    public StepSpec? Read(MappingFields fields, string path, string? name)
    {
        var socket = new WebSocketStepReader(reader, scope);
        var webSocket = socket.CheckKind(fields, path);
        var request = webSocket
            ? socket.ReadPath(fields, path) is { } socketPath ? ("GET", socketPath) : null
            : ReadRequest(fields, path);
        var send = webSocket ? socket.ReadSend(fields, path) : null;
        var headers = HeadersReader.Read(reader, fields["headers"], $"{path}.headers", scope);
        var body = ReadBody(fields, path);
        var json = ReadJson(fields, path);
        if (fields.Has("body") && fields.Has("json"))
            Errors.Error(fields.KeyAt("json"), ValidationCodes.BodyAndJson,
                $"{path} has both 'body' and 'json'; keep one ('json' for a JSON body, 'body' for any other text)");
        var timeout = fields["timeout"] is { } t ? reader.Duration(t, $"{path}.timeout", TargetReader.MinTimeout, TargetReader.MaxTimeout) : null;
        var think = fields["think"] is { } k ? reader.Duration(k, $"{path}.think", TimeSpan.Zero, MaxThink) : null;
        var expect = fields["expect"] is { } e ? new ExpectReader(reader).Read(e, $"{path}.expect", webSocket) : null;
        var extract = fields["extract"] is { } x ? new ExtractReader(reader).Read(x, $"{path}.extract") : [];
        foreach (var variable in extract ?? [])
            scope.Add(variable.Variable);

        if (name is null || request is null || extract is null || (webSocket && send is null) || (fields.Has("expect") && expect is null) ||
            (fields.Has("timeout") && timeout is null) || (fields.Has("think") && think is null))
            return null;
        return new StepSpec
        {
            Name = name,
            Method = request.Value.Method,
            Path = request.Value.Path,
            Headers = headers,
            Body = body,
            Json = json,
            Timeout = timeout,
            Think = think ?? TimeSpan.Zero,
            Extract = extract,
            Expect = expect,
            WebSocket = send,
            At = fields.At,
        };
    }

    private (string Method, string Path)? ReadRequest(MappingFields fields, string path)
    {
        var requestPath = $"{path}.request";
        if (reader.Require(fields, "request", "request: GET /api/products' or 'websocket: /ws/echo") is not { } node || reader.Text(node, requestPath) is not { } text)
            return null;
        var scalar = (SourceScalar)node;
        var space = text.AsSpan().IndexOfAny(' ', '\t');
        if (space <= 0 || text[space..].Trim().Length == 0)
        {
            Errors.Error(node.At, ValidationCodes.InvalidRequest, $"{requestPath} must be 'METHOD /path', e.g. 'GET /api/products?page=1'");
            return null;
        }
        var method = text[..space];
        if (!Methods.Contains(method, StringComparer.Ordinal))
        {
            var hint = Methods.Contains(method.ToUpperInvariant(), StringComparer.Ordinal)
                ? $"write it in capitals: '{method.ToUpperInvariant()}'"
                : (NearestName.Find(method, Methods) is { } near ? $"did you mean '{near}'? " : "") + $"use one of {string.Join(" ", Methods)}";
            Errors.Error(node.At, ValidationCodes.UnknownMethod, $"{requestPath}: '{method}' is not a supported HTTP method; {hint}");
            return null;
        }
        var start = space;
        while (char.IsWhiteSpace(text[start])) start++;
        var target = text[start..].TrimEnd();
        if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ||
            target.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("//", StringComparison.Ordinal))
        {
            Errors.Error(scalar.PositionOf(start), ValidationCodes.AbsoluteUrlInStep,
                $"{requestPath}: steps reach the target only through target.baseUrl; write the path alone, e.g. '{method} /api/products'");
            return null;
        }
        if (!target.StartsWith('/'))
        {
            Errors.Error(scalar.PositionOf(start), ValidationCodes.InvalidRequest,
                $"{requestPath}: the path must start with '/', e.g. '{method} /{target}'");
            return null;
        }
        return TemplateChecker.Check(Errors, scalar, target, start, requestPath, scope, SecretContext.Path) ? (method, target) : null;
    }

    private string? ReadBody(MappingFields fields, string path)
    {
        if (fields["body"] is not { } node || reader.Text(node, $"{path}.body") is not { } text)
            return null;
        TemplateChecker.Check(Errors, (SourceScalar)node, text, 0, $"{path}.body", scope, SecretContext.Body);
        return text;
    }

    private string? ReadJson(MappingFields fields, string path)
    {
        if (fields["json"] is not { } node)
            return null;
        if (node is not (SourceMapping or SourceSequence))
        {
            reader.WrongType(node, $"{path}.json", "a mapping or list written as YAML, e.g. { sku: A1, qty: 1 } (use 'body' for raw text)");
            return null;
        }
        CheckJsonStrings(node, $"{path}.json", null);
        return SourceJson.Write(node);
    }

    private void CheckJsonStrings(SourceNode node, string path, string? key)
    {
        switch (node)
        {
            case SourceMapping mapping:
                foreach (var entry in mapping.Entries)
                    CheckJsonStrings(entry.Value, $"{path}.{entry.Key.Value}", entry.Key.Value);
                break;
            case SourceSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                    CheckJsonStrings(sequence.Items[i], $"{path}[{i}]", key);
                break;
            case SourceScalar scalar when ScalarType.Of(scalar) == ScalarKind.Text:
                TemplateChecker.Check(Errors, scalar, scalar.Value, 0, path, scope, SecretContext.JsonValue(key ?? ""));
                break;
        }
    }
}
