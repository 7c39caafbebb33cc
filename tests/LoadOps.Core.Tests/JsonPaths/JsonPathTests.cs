using System.Text.Json;
using LoadOps.Core.JsonPaths;

namespace LoadOps.Core.Tests.JsonPaths;

public sealed class JsonPathTests
{
    private static readonly JsonElement Document = JsonDocument.Parse(
        """{"items":[{"id":7,"name":"a"},{"id":9,"name":"b"}],"odd key":{"x":true}}""").RootElement;

    [Theory]
    [InlineData("$.items[0].id", "7")]
    [InlineData("$.items[-1].name", "\"b\"")]
    [InlineData("$['odd key'].x", "true")]
    [InlineData("$[\"items\"][1]['id']", "9")]
    [InlineData("$.items[*].id", "7")]
    public void Selects_the_first_match(string path, string expected)
    {
        Assert.True(JsonPathParser.TryParse(path, out var parsed, out var failure), failure?.Message);
        Assert.Equal(expected, parsed!.First(Document)!.Value.GetRawText());
    }

    [Fact]
    public void Wildcard_selects_every_element() =>
        Assert.Equal(["7", "9"], Parse("$.items[*].id").Select(Document).Select(e => e.GetRawText()));

    [Theory]
    [InlineData("$.missing")]
    [InlineData("$.items[5]")]
    [InlineData("$.items.id")]
    public void Paths_that_match_nothing_return_null(string path) => Assert.Null(Parse(path).First(Document));

    [Theory]
    [InlineData("items[0]", 0)]
    [InlineData("$.items[0", 7)]
    [InlineData("$..id", 1)]
    [InlineData("$.items[?(@.id>1)]", 7)]
    [InlineData("$.", 2)]
    [InlineData("$['a'", 1)]
    [InlineData("$x", 1)]
    public void Rejects_malformed_paths_at_their_offset(string path, int offset)
    {
        Assert.False(JsonPathParser.TryParse(path, out _, out var failure));
        Assert.Equal(offset, failure!.Offset);
    }

    private static JsonPath Parse(string path) =>
        JsonPathParser.TryParse(path, out var parsed, out var failure) ? parsed! : throw new InvalidOperationException(failure!.Message);
}
