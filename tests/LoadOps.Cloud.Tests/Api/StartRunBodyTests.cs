using LoadOps.Cloud.Api;

namespace LoadOps.Cloud.Tests.Api;

public sealed class StartRunBodyTests
{
    [Fact]
    public void Reads_every_field()
    {
        Assert.True(StartRunBody.TryParse(
            """{"repository":"octo/shop","commit":"0D1A26E67D8F","branch":"feature/x","test":"checkout","pullRequest":7}""", out var body, out _));
        Assert.Equal(new StartRunBody("octo/shop", "0d1a26e67d8f", "feature/x", "checkout", 7), body);
    }

    [Fact]
    public void Test_and_pull_request_are_optional()
    {
        Assert.True(StartRunBody.TryParse("""{"Repository":"octo/shop","Commit":"abcdef1","Branch":"main","test":"","pullRequest":null}""", out var body, out _));
        Assert.Null(body!.Test);
        Assert.Null(body.PullRequest);
    }

    [Theory]
    [InlineData(null, "JSON object")]
    [InlineData("{", "not valid JSON")]
    [InlineData("[1]", "JSON object")]
    [InlineData("""{"commit":"abcdef1","branch":"main"}""", "repository")]
    [InlineData("""{"repository":"shop","commit":"abcdef1","branch":"main"}""", "repository")]
    [InlineData("""{"repository":"octo/shop","commit":"HEAD","branch":"main"}""", "commit")]
    [InlineData("""{"repository":"octo/shop","commit":"abcdef1"}""", "branch")]
    [InlineData("""{"repository":"octo/shop","commit":"abcdef1","branch":"main","test":"loadtests/checkout.loadtest.yaml"}""", "test")]
    [InlineData("""{"repository":"octo/shop","commit":"abcdef1","branch":"main","pullRequest":"7"}""", "pullRequest")]
    [InlineData("""{"repository":"octo/shop","commit":"abcdef1","branch":"main","pullRequest":-1}""", "pullRequest")]
    public void A_bad_body_names_the_field_to_fix(string? json, string named)
    {
        Assert.False(StartRunBody.TryParse(json, out var body, out var problem));
        Assert.Null(body);
        Assert.Contains(named, problem, StringComparison.Ordinal);
    }
}
