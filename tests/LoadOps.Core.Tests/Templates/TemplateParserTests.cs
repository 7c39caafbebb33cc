using LoadOps.Core.Templates;

namespace LoadOps.Core.Tests.Templates;

public sealed class TemplateParserTests
{
    [Fact]
    public void Splits_literals_and_expressions()
    {
        Assert.True(TemplateParser.TryParse("GET /api/products?page={{ random 1 10 }}&id={{id}}", out var template, out var failure), failure?.Message);
        Assert.Collection(template.Parts,
            p => Assert.Equal(new LiteralPart("GET /api/products?page=") { Offset = 0 }, p),
            p => Assert.Equal(new RandomPart(1, 10) { Offset = 23 }, p),
            p => Assert.Equal(new LiteralPart("&id=") { Offset = 40 }, p),
            p => Assert.Equal(new VariablePart("id") { Offset = 44 }, p));
        Assert.Equal(["id"], template.Variables);
    }

    [Fact]
    public void Reads_uuid_and_secret_references()
    {
        Assert.True(TemplateParser.TryParse("Bearer ${{ secrets.API_TOKEN }} {{ uuid }}", out var template, out _));
        Assert.Equal(["API_TOKEN"], template.Secrets);
        Assert.Contains(template.Parts, p => p is UuidPart);
        Assert.False(template.IsLiteral);
    }

    [Fact]
    public void Reads_launch_variables_and_refuses_a_lower_case_name()
    {
        Assert.True(TemplateParser.TryParse("/api/{{ env.REGION }}/x", out var template, out _));
        Assert.Equal(["REGION"], template.EnvNames);
        Assert.Contains(new EnvPart("REGION") { Offset = 5 }, template.Parts);
        Assert.False(TemplateParser.TryParse("/api/{{ env.region }}", out _, out var failure));
        Assert.Contains("env.NAME", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_data_set_column_and_refuses_a_deeper_path()
    {
        Assert.True(TemplateParser.TryParse("/u/{{ users.email }}", out var template, out _));
        Assert.Equal([new DataPart("users", "email") { Offset = 3 }], template.DataColumns);
        Assert.False(TemplateParser.TryParse("/u/{{ users.email.x }}", out _, out var failure));
        Assert.Contains("SET.COLUMN", failure!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/a/{{ id", 3)]
    [InlineData("/a/{{ }}", 3)]
    [InlineData("/a/{{ random 10 1 }}", 6)]
    [InlineData("/a/{{ random x }}", 6)]
    [InlineData("/a/{{ two words }}", 6)]
    [InlineData("/a/}}", 3)]
    [InlineData("${{ secrets.lower }}", 0)]
    [InlineData("${{ env.X }}", 0)]
    public void Rejects_malformed_expressions_at_their_offset(string text, int offset)
    {
        Assert.False(TemplateParser.TryParse(text, out _, out var failure));
        Assert.Equal(offset, failure!.Offset);
    }
}
