using LoadOps.Core.Definitions;
using LoadOps.Core.Parsing;

namespace LoadOps.Core.Validation;

/// <summary>
/// The WebSocket half of a step: <c>websocket: /path</c> (on target.baseUrl, ws:// or wss:// by its scheme) and
/// <c>send:</c> (a template); HTTP-only keys are refused on it, and WebSocket-only keys on an HTTP step.
/// </summary>
internal sealed class WebSocketStepReader(FieldReader reader, VariableScope scope)
{
    private static readonly string[] HttpOnlyKeys = ["body", "json"];

    private ErrorCollector Errors => reader.Errors;

    /// <summary>Reports keys that belong to the other kind of step; true when the step is a WebSocket step.</summary>
    public bool CheckKind(MappingFields fields, string path)
    {
        var webSocket = fields.Has("websocket");
        if (webSocket && fields.Has("request"))
            Errors.Error(fields.KeyAt("websocket"), ValidationCodes.RequestAndWebSocket,
                $"{path} has both 'request' and 'websocket'; a step is one HTTP request or one WebSocket message, split it in two");
        if (!webSocket && fields.Has("send"))
            Errors.Error(fields.KeyAt("send"), ValidationCodes.FieldOfOtherStepKind,
                $"{path}.send is the message of a WebSocket step; add 'websocket: /path', or send an HTTP body with 'body' or 'json'");
        foreach (var key in webSocket ? HttpOnlyKeys : [])
        {
            if (fields.Has(key))
                Errors.Error(fields.KeyAt(key), ValidationCodes.FieldOfOtherStepKind,
                    $"{path}.{key} belongs to HTTP requests; a WebSocket step sends its message with 'send'");
        }
        return webSocket;
    }

    public string? ReadPath(MappingFields fields, string path)
    {
        var where = $"{path}.websocket";
        if (reader.Require(fields, "websocket", "websocket: /ws/echo") is not { } node || reader.Text(node, where) is not { } text)
            return null;
        var target = text.Trim();
        if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("//", StringComparison.Ordinal) || !target.StartsWith('/'))
        {
            Errors.Error(node.At, ValidationCodes.InvalidWebSocketPath,
                $"{where}: write the socket's path on target.baseUrl, e.g. 'websocket: /ws/echo' " +
                "(an http:// baseUrl connects with ws://, https:// with wss://)");
            return null;
        }
        var offset = text.IndexOf(target, StringComparison.Ordinal);
        return TemplateChecker.Check(Errors, (SourceScalar)node, target, offset, where, scope, SecretContext.Path) ? target : null;
    }

    public WebSocketSpec? ReadSend(MappingFields fields, string path)
    {
        if (reader.Require(fields, "send", "send: '{\"hello\": \"{{ vu }}\"}'") is not { } node || reader.Text(node, $"{path}.send") is not { } text)
            return null;
        return TemplateChecker.Check(Errors, (SourceScalar)node, text, 0, $"{path}.send", scope, SecretContext.Body) ? new WebSocketSpec(text) : null;
    }
}
