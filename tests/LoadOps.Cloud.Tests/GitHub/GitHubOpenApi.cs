using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LoadOps.Cloud.Tests.GitHub;

/// <summary>
/// GitHub's own REST description (npm <c>@octokit/openapi</c>, <c>generated/api.github.com.json</c>): finds the operation
/// of a request by method and path template, and checks its query parameters and JSON body against it (declared
/// members only, required, types, enums, lengths, item counts).
/// </summary>
internal sealed class GitHubOpenApi(JsonObject document)
{
    public const string Variable = "LOADOPS_GITHUB_OPENAPI";
    private const string PackageFile = "node_modules/@octokit/openapi/generated/api.github.com.json";

    /// <summary>Where the description was looked for, for the skip message.</summary>
    public static string Where => $"${Variable} or {PackageFile} under the repository";

    public static GitHubOpenApi? Load()
    {
        var file = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? path : RepositoryFile(PackageFile);
        return file is not null && File.Exists(file) ? new GitHubOpenApi(JsonNode.Parse(File.ReadAllBytes(file))!.AsObject()) : null;
    }

    /// <summary>A file relative to the repository root (the folder holding LoadOps.sln above the test binaries).</summary>
    public static string? RepositoryFile(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "LoadOps.sln")))
                return Path.Combine(folder.FullName, relative);
        return null;
    }

    /// <summary>Every way the request departs from GitHub's description; empty when it fits.</summary>
    public IReadOnlyList<string> Check(string method, string path, string query, string body)
    {
        var problems = new List<string>();
        var (template, operation) = Find(method.ToLowerInvariant(), path);
        if (operation is null)
            return [$"{method} {path} is no operation of GitHub's REST API"];
        var where = $"{method} {template}";
        var parameters = (operation["parameters"]?.AsArray() ?? []).Select(p => Resolve(p!)).ToList();
        foreach (var name in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => Uri.UnescapeDataString(p.Split('=')[0])))
            if (!parameters.Any(p => p["in"]?.GetValue<string>() == "query" && p["name"]?.GetValue<string>() == name))
                problems.Add($"{where}: query parameter '{name}' is not declared");
        var schema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
        if (schema is not null && body.Length > 0)
            CheckValue(schema, JsonNode.Parse(body), $"{where} body", problems);
        else if (operation["requestBody"]?["required"]?.GetValue<bool>() == true)
            problems.Add($"{where}: a body is required");
        return problems;
    }

    private (string? Template, JsonObject? Operation) Find(string method, string path)
    {
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            var pattern = "^" + Regex.Replace(Regex.Escape(template), @"\\\{(\w+)\}", m => m.Groups[1].Value == "path" ? "(.+)" : "([^/]+)") + "$";
            if (Regex.IsMatch(path, pattern) && item?[method] is JsonObject operation)
                return (template, operation);
        }
        return (null, null);
    }

    private JsonNode Resolve(JsonNode node)
    {
        while (node["$ref"]?.GetValue<string>() is { } reference)
            node = reference.TrimStart('#', '/').Split('/').Aggregate((JsonNode)document, (n, part) => n[part]!);
        return node;
    }

    private void CheckValue(JsonNode schemaNode, JsonNode? value, string path, List<string> problems)
    {
        var schema = Resolve(schemaNode);
        if (value is null)
        {
            if (schema["nullable"]?.GetValue<bool>() != true)
                problems.Add($"{path} is null, which is not allowed");
            return;
        }
        foreach (var part in schema["allOf"]?.AsArray() ?? [])
            CheckValue(part!, value, path, problems);
        if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray alternatives)
        {
            var results = alternatives.Select(a => { var p = new List<string>(); CheckValue(a!, value, path, p); return p; }).ToList();
            if (results.All(r => r.Count > 0))
                problems.Add($"{path} fits none of its alternatives: {string.Join("; ", results.SelectMany(r => r))}");
        }
        switch (schema["type"]?.GetValue<string>(), value)
        {
            case ("object", JsonObject obj):
                var properties = schema["properties"]?.AsObject();
                foreach (var required in schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
                    if (!obj.ContainsKey(required))
                        problems.Add($"{path}.{required} is required");
                foreach (var (name, member) in obj)
                {
                    if (properties?[name] is { } property)
                        CheckValue(property, member, $"{path}.{name}", problems);
                    else if (properties is not null)
                        problems.Add($"{path}.{name} is not declared");
                }
                break;
            case ("array", JsonArray array):
                if (schema["maxItems"]?.GetValue<int>() is { } maxItems && array.Count > maxItems)
                    problems.Add($"{path} has {array.Count} items, more than {maxItems}");
                for (var i = 0; i < array.Count; i++)
                    CheckValue(schema["items"]!, array[i], $"{path}[{i}]", problems);
                break;
            case ("string", JsonValue text) when text.TryGetValue<string>(out var s):
                if (schema["enum"] is JsonArray allowed && !allowed.Any(a => a?.GetValue<string>() == s))
                    problems.Add($"{path} = '{s}' is not one of {allowed.ToJsonString()}");
                if (schema["maxLength"]?.GetValue<int>() is { } maxLength && s.Length > maxLength)
                    problems.Add($"{path} is {s.Length} characters, more than {maxLength}");
                break;
            case ("integer", JsonValue number) when number.TryGetValue<long>(out _):
            case ("number", JsonValue _):
            case ("boolean", JsonValue flag) when flag.TryGetValue<bool>(out _):
            case (null, _):
                break;
            case var (type, _):
                problems.Add($"{path} should be {type}, is {value.ToJsonString()}");
                break;
        }
    }
}
