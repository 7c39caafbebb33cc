using LoadOps.Cloud.Storage;

namespace LoadOps.IntegrationTests.Storage;

public sealed class TableKeyTests
{
    [Theory]
    [InlineData("feature/x", "feature~2Fx")]
    [InlineData("a\\b#c?d", "a~5Cb~23c~3Fd")]
    [InlineData("tab\there", "tab~09here")]
    [InlineData("50%~|'", "50~25~7E~7C~27")]
    [InlineData("plain-name_1.2", "plain-name_1.2")]
    public void Forbidden_and_special_characters_are_escaped(string raw, string encoded) =>
        Assert.Equal(encoded, TableKey.Encode(raw));

    [Fact]
    public void Composite_keys_of_different_parts_never_collide()
    {
        Assert.NotEqual(TableKey.Compose("a|b", "c"), TableKey.Compose("a", "b|c"));
        Assert.NotEqual(TableKey.Encode("~2F"), TableKey.Encode("/"));
    }

    [Fact]
    public void Encoded_keys_contain_no_forbidden_character()
    {
        var everything = new string(Enumerable.Range(0, 0xA0).Select(i => (char)i).ToArray());
        var encoded = TableKey.Encode(everything);
        Assert.DoesNotContain(encoded, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
    }
}
