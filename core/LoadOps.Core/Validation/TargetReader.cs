using LoadOps.Core.Definitions;
using LoadOps.Core.Parsing;
using LoadOps.Core.Policy;

namespace LoadOps.Core.Validation;

/// <summary>Reads <c>target:</c>: an absolute http(s) base URL on an allowed host, headers and a timeout.</summary>
internal sealed class TargetReader(FieldReader reader, LoadPolicy policy)
{
    private static readonly string[] Keys = ["baseUrl", "headers", "timeout", "http", "tls"];

    public static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(1);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);

    public TargetSpec? Read(MappingFields root)
    {
        if (reader.Require(root, "target", "target: { baseUrl: http://127.0.0.1:5080 }") is not { } node ||
            reader.Mapping(node, "target", "target", Keys) is not { } fields)
            return null;
        var baseUrl = ReadBaseUrl(fields);
        var headers = HeadersReader.Read(reader, fields["headers"], "target.headers", VariableScope.ForTarget());
        var timeout = fields["timeout"] is { } t ? reader.Duration(t, "target.timeout", MinTimeout, MaxTimeout) : null;
        var http = ReadHttp(fields["http"]);
        var tls = new TlsReader(reader, policy).Read(fields["tls"]);
        if (baseUrl is null || (fields.Has("timeout") && timeout is null) || (fields.Has("http") && http is null) || (fields.Has("tls") && tls is null))
            return null;
        return new TargetSpec { BaseUrl = baseUrl, Headers = headers, Timeout = timeout ?? TimeSpan.FromSeconds(30), Http = http ?? 1, Tls = tls };
    }

    private int? ReadHttp(SourceNode? node)
    {
        if (node is null)
            return null;
        if (node is SourceScalar { Value: "1" or "2" or "1.1" or "2.0" } scalar)
            return scalar.Value[0] - '0';
        reader.Errors.Error(node.At, ValidationCodes.InvalidHttpVersion,
            "target.http must be 1 (HTTP/1.1 on the lean client, the default) or 2 (HTTP/2 on HttpClient)");
        return null;
    }

    private string? ReadBaseUrl(MappingFields fields)
    {
        if (reader.Require(fields, "baseUrl", "baseUrl: http://127.0.0.1:5080") is not { } node ||
            reader.Text(node, "target.baseUrl") is not { } text)
            return null;
        var scalar = (SourceScalar)node;
        if (text.Contains("{{", StringComparison.Ordinal) ||
            !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            reader.Errors.Error(node.At, ValidationCodes.InvalidBaseUrl,
                "target.baseUrl must be an absolute http:// or https:// URL without templates, e.g. https://staging.example.com");
            return null;
        }
        if (uri.UserInfo.Length > 0)
        {
            reader.Errors.Error(scalar.PositionOf(text.IndexOf("//", StringComparison.Ordinal) + 2), ValidationCodes.LiteralSecret,
                "target.baseUrl holds a user name or password; remove it and send credentials in a header with ${{ secrets.NAME }}");
            return null;
        }
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            reader.Errors.Error(scalar.PositionOf(text.IndexOfAny(['?', '#'])), ValidationCodes.InvalidBaseUrl,
                "target.baseUrl must not have a query or fragment; put query parameters in each step's request");
            return null;
        }
        if (!policy.AllowsHost(uri.Host))
        {
            reader.Errors.Error(scalar.PositionOf(text.IndexOf(uri.Host, StringComparison.OrdinalIgnoreCase)), ValidationCodes.HostNotAllowed,
                $"target host '{uri.Host}' is not in the policy's allowedHosts ({string.Join(", ", policy.AllowedHosts)}); " +
                "add it to .loadops/policy.yaml or target an allowed host");
            return null;
        }
        return text.TrimEnd('/');
    }
}
