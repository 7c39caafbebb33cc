using System.Text.Json.Nodes;

namespace LoadOps.Infra.Tests.Bicep;

/// <summary>One resource of the compiled template, with the template that declares it and the resource group
/// expression of the deployment it lands in (null: the resource group the whole template is deployed to).</summary>
internal sealed record ArmResource(string Type, JsonObject Body, JsonObject Template, string? ResourceGroup, string DeploymentPath)
{
    public JsonObject Properties => Body["properties"] as JsonObject ?? [];

    /// <summary>A property by dotted path under "properties", e.g. "siteConfig.minTlsVersion".</summary>
    public JsonNode? Property(string dottedPath)
    {
        JsonNode? node = Properties;
        foreach (var part in dottedPath.Split('.'))
            node = node?[part];
        return node;
    }

    /// <summary>Resolves a value of the form "[variables('x')]" against the declaring template.</summary>
    public JsonNode? Resolve(JsonNode? value)
    {
        if (value is JsonValue text && text.TryGetValue<string>(out var expression)
            && expression.StartsWith("[variables('", StringComparison.Ordinal) && expression.EndsWith("')]", StringComparison.Ordinal))
        {
            var name = expression["[variables('".Length..^"')]".Length];
            return Template["variables"]?[name];
        }
        return value;
    }
}
