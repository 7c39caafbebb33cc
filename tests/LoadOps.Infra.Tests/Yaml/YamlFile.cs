using YamlDotNet.RepresentationModel;

namespace LoadOps.Infra.Tests.Yaml;

/// <summary>A YAML file read into YamlDotNet's node model. Tags (CloudFormation's !Ref, !GetAtt, !Sub ...) are kept on
/// the nodes instead of being resolved, so any tag parses.</summary>
internal static class YamlFile
{
    public static YamlMappingNode Load(string relativePath)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(RepositoryFiles.Read(relativePath));
        stream.Load(reader);
        return Assert.IsType<YamlMappingNode>(Assert.Single(stream.Documents).RootNode);
    }

    public static YamlNode? Child(this YamlNode node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static YamlMappingNode Map(this YamlNode node, string key) =>
        Assert.IsType<YamlMappingNode>(node.Child(key) ?? throw new Xunit.Sdk.XunitException($"missing key '{key}' at {node.Start}"));

    public static string? Text(this YamlNode? node) => (node as YamlScalarNode)?.Value;

    /// <summary>A scalar or a sequence of scalars as a list (IAM accepts both for Action and Resource).</summary>
    public static IReadOnlyList<YamlNode> Items(this YamlNode? node) => node switch
    {
        YamlSequenceNode sequence => [.. sequence.Children],
        null => [],
        _ => [node],
    };

    /// <summary>"!GetAtt X.Arn" style rendering of a tagged scalar, to compare references in assertions.</summary>
    public static string Show(this YamlNode node) =>
        node is YamlScalarNode scalar && !scalar.Tag.IsEmpty ? $"{scalar.Tag.Value} {scalar.Value}" : node.ToString();
}
