using LoadOps.Core.Parsing;
using LoadOps.Core.Policy;
using LoadOps.Core.Validation;
using NJsonSchema;

namespace LoadOps.Core.Tests.Validation;

/// <summary>The editor schema and the validator must agree: valid examples pass both, structural mistakes fail both.</summary>
public sealed class SchemaAgreementTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromJsonAsync(RepositoryFiles.Read("schema/loadtest.schema.json")).GetAwaiter().GetResult());

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in RepositoryFiles.Examples())
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Examples_pass_the_schema_and_the_validator(string name)
    {
        var text = RepositoryFiles.Read($"examples/loadtests/{name}");
        Assert.Empty(SchemaErrors(text));
        var policy = PolicyParser.Parse("policy.yaml", RepositoryFiles.Read("examples/.loadops/policy.yaml")).Policy;
        var result = DefinitionValidator.Validate(name, text, policy);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Theory]
    [MemberData(nameof(CorpusCase.StructuralNames), MemberType = typeof(CorpusCase))]
    public void Structural_mistakes_fail_the_schema_and_the_validator(string name)
    {
        var corpus = CorpusCase.Named(name);
        Assert.NotEmpty(SchemaErrors(corpus.Text));
        Assert.False(DefinitionValidator.Validate(name, corpus.Text, LoadPolicy.Default).IsValid);
    }

    [Fact]
    public void The_schema_is_itself_valid_and_closed_at_the_top()
    {
        Assert.False(Schema.Value.AllowAdditionalProperties);
        // Scenarios are required unless another engine runs the load (engine: jmeter with a script).
        Assert.DoesNotContain("scenarios", Schema.Value.RequiredProperties);
        Assert.Contains("scenarios", Schema.Value.OneOf.First().RequiredProperties);
        Assert.Contains("script", Schema.Value.OneOf.Last().RequiredProperties);
    }

    [Fact]
    public void Every_example_names_the_schema_for_editors()
    {
        foreach (var file in RepositoryFiles.Examples())
            Assert.StartsWith("# yaml-language-server: $schema=../../schema/loadtest.schema.json", File.ReadAllText(file), StringComparison.Ordinal);
    }

    private static IReadOnlyCollection<string> SchemaErrors(string yaml)
    {
        var errors = new ErrorCollector("schema-test");
        var root = SourceTreeReader.Read(yaml, errors);
        Assert.NotNull(root);
        return Schema.Value.Validate(SourceJson.Write(root)).Select(e => e.ToString()).ToList();
    }
}
