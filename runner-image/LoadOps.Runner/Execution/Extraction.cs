using System.Text.Json;
using System.Text.RegularExpressions;
using LoadOps.Core.Definitions;
using LoadOps.Core.JsonPaths;

namespace LoadOps.Runner.Execution;

/// <summary>One compiled <c>extract</c> rule: where a per-virtual-user variable's value comes from.</summary>
internal sealed record Extraction(string Variable, ExtractKind Kind, string Expression, JsonPath? Path, Regex? Pattern)
{
    public string? Read(JsonElement? root, string? text, Func<string, string?>? header)
    {
        switch (Kind)
        {
            case ExtractKind.JsonPath:
                var found = root is null ? null : Path!.First(root.Value);
                return found switch
                {
                    null => null,
                    { ValueKind: JsonValueKind.String } s => s.GetString(),
                    { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
                    var other => other.Value.GetRawText(),
                };
            case ExtractKind.Regex:
                try
                {
                    var match = Pattern!.Match(text ?? "");
                    return !match.Success ? null : match.Groups.Count > 1 ? match.Groups[1].Value : match.Value;
                }
                catch (RegexMatchTimeoutException)
                {
                    return null;
                }
            default:
                return header?.Invoke(Expression);
        }
    }
}
