using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LoadOps.Cloud.Tests.Ecs;

/// <summary>
/// AWS's own description of the ECS API (the botocore service model Debian's python3-botocore ships): checks a request
/// body against an operation's input shape, member by member (names, required, types, enums, lengths, patterns), plus
/// the limits the model states only in its documentation text (10 tasks a RunTask, 100 a DescribeTasks, ...).
/// </summary>
internal sealed partial class EcsServiceModel(JsonObject model)
{
    private const string ModelRoot = "/usr/lib/python3/dist-packages/botocore/data/ecs";

    private JsonObject Shapes => model["shapes"]!.AsObject();

    public string TargetPrefix => model["metadata"]!["targetPrefix"]!.GetValue<string>();

    /// <summary>The newest model on this machine, or null (python3-botocore is not installed).</summary>
    public static EcsServiceModel? Load()
    {
        if (!Directory.Exists(ModelRoot))
            return null;
        var file = Directory.EnumerateDirectories(ModelRoot).Order(StringComparer.Ordinal)
            .SelectMany(folder => new[] { Path.Combine(folder, "service-2.json"), Path.Combine(folder, "service-2.json.gz") })
            .LastOrDefault(File.Exists);
        if (file is null)
            return null;
        using var stream = File.OpenRead(file);
        using Stream text = file.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
        return new EcsServiceModel(JsonNode.Parse(text)!.AsObject());
    }

    public IReadOnlyList<string> Operations => [.. model["operations"]!.AsObject().Select(operation => operation.Key)];

    /// <summary>Every way <paramref name="body"/> breaks the input shape of <paramref name="operation"/>; empty when it fits.</summary>
    public IReadOnlyList<string> Check(string operation, JsonNode body)
    {
        var problems = new List<string>();
        var input = model["operations"]?[operation]?["input"]?["shape"]?.GetValue<string>();
        if (input is null)
            return [$"{operation} is not an ECS operation"];
        CheckShape(input, body, operation, problems);
        CheckDocumentedLimits(operation, input, body, problems);
        return problems;
    }

    private void CheckShape(string shapeName, JsonNode? value, string path, List<string> problems)
    {
        var shape = Shapes[shapeName]!.AsObject();
        switch (shape["type"]!.GetValue<string>())
        {
            case "structure" when value is JsonObject structure:
                var members = shape["members"]!.AsObject();
                foreach (var required in shape["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
                    if (!structure.ContainsKey(required))
                        problems.Add($"{path}.{required} is required");
                foreach (var (name, member) in structure)
                {
                    if (members[name] is not JsonObject memberShape)
                        problems.Add($"{path}.{name} is not a member of {shapeName}");
                    else
                        CheckShape(memberShape["shape"]!.GetValue<string>(), member, $"{path}.{name}", problems);
                }
                break;
            case "list" when value is JsonArray list:
                CheckRange(shape, list.Count, $"{path} has {list.Count} items", problems);
                for (var i = 0; i < list.Count; i++)
                    CheckShape(shape["member"]!["shape"]!.GetValue<string>(), list[i], $"{path}[{i}]", problems);
                break;
            case "string" when value is JsonValue text && text.TryGetValue<string>(out var s):
                if (shape["enum"] is JsonArray allowed && !allowed.Any(a => a!.GetValue<string>() == s))
                    problems.Add($"{path} = '{s}' is not one of {string.Join(", ", allowed)}");
                CheckRange(shape, s.Length, $"{path} is {s.Length} characters", problems);
                if (shape["pattern"]?.GetValue<string>() is { } pattern && !Regex.IsMatch(s, pattern))
                    problems.Add($"{path} = '{s}' does not match {pattern}");
                break;
            case "integer" or "long" when value is JsonValue number && number.TryGetValue<long>(out var n):
                CheckRange(shape, n, $"{path} = {n}", problems);
                break;
            case "boolean" when value is JsonValue flag && flag.TryGetValue<bool>(out _):
                break;
            case var type:
                problems.Add($"{path} should be {type} ({shapeName}), is {value?.ToJsonString() ?? "null"}");
                break;
        }
    }

    private static void CheckRange(JsonObject shape, long actual, string what, List<string> problems)
    {
        if (shape["min"]?.GetValue<long>() is { } min && actual < min)
            problems.Add($"{what}, fewer than the minimum {min}");
        if (shape["max"]?.GetValue<long>() is { } max && actual > max)
            problems.Add($"{what}, more than the maximum {max}");
    }

    /// <summary>Limits written in the members' documentation, read from it (so a change in the model shows here).</summary>
    private void CheckDocumentedLimits(string operation, string input, JsonNode body, List<string> problems)
    {
        foreach (var (name, member) in Shapes[input]!["members"]!.AsObject())
        {
            var doc = member!["documentation"]?.GetValue<string>() ?? "";
            var value = body[name];
            if (value is null)
                continue;
            if (UpToTasksPerCall().Match(doc) is { Success: true } perCall && value.GetValue<int>() > int.Parse(perCall.Groups[1].Value))
                problems.Add($"{operation}.{name} = {value} but the model allows up to {perCall.Groups[1].Value} tasks for each call");
            if (UpToTaskIds().Match(doc) is { Success: true } ids && value.AsArray().Count > int.Parse(ids.Groups[1].Value))
                problems.Add($"{operation}.{name} lists {value.AsArray().Count} tasks but the model allows up to {ids.Groups[1].Value}");
            if (UpToCharacters().Match(doc) is { Success: true } chars && value.GetValue<string>().Length > int.Parse(chars.Groups[1].Value))
                problems.Add($"{operation}.{name} is {value.GetValue<string>().Length} characters, the model allows up to {chars.Groups[1].Value}");
            if (UpToLetters().Match(doc) is { Success: true } letters && !Regex.IsMatch(value.GetValue<string>(), $"^[A-Za-z0-9_-]{{0,{letters.Groups[1].Value}}}$"))
                problems.Add($"{operation}.{name} = '{value}' is not up to {letters.Groups[1].Value} letters, numbers, hyphens and underscores");
        }
    }

    [GeneratedRegex(@"up to (\d+) tasks for each call")]
    private static partial Regex UpToTasksPerCall();

    [GeneratedRegex(@"list of up to (\d+) task IDs")]
    private static partial Regex UpToTaskIds();

    [GeneratedRegex(@"Up to (\d+) characters are allowed")]
    private static partial Regex UpToCharacters();

    [GeneratedRegex(@"Up to (\d+) letters \(uppercase and lowercase\), numbers, hyphens \(-\), and underscores \(_\) are allowed")]
    private static partial Regex UpToLetters();
}
