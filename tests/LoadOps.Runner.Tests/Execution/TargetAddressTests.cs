using LoadOps.Runner.Execution;

namespace LoadOps.Runner.Tests.Execution;

public sealed class TargetAddressTests
{
    private static TargetAddress Target(string baseUrl) => TargetAddress.TryCreate(baseUrl, []) ?? throw new InvalidOperationException(baseUrl);

    [Theory]
    [InlineData("http://127.0.0.1:5080", "/api/products?page=2", "http://127.0.0.1:5080/api/products?page=2")]
    [InlineData("http://127.0.0.1:5080/", "/health", "http://127.0.0.1:5080/health")]
    [InlineData("https://shop.test/v2", "/cart/1", "https://shop.test/v2/cart/1")]
    public void Paths_are_appended_to_the_base_url(string baseUrl, string path, string expected) =>
        Assert.Equal(expected, Target(baseUrl).Resolve(path)?.AbsoluteUri);

    [Theory]
    [InlineData("//evil.test/x")]
    [InlineData("@evil.test/x")]
    [InlineData("http://evil.test/x")]
    [InlineData("/../admin")]
    [InlineData("\\\\evil.test")]
    [InlineData("")]
    public void Anything_that_would_leave_the_base_url_is_refused(string path) =>
        Assert.Null(Target("https://shop.test/v2").Resolve(path));

    [Theory]
    [InlineData("ftp://shop.test")]
    [InlineData("shop.test")]
    [InlineData("https://user:pw@shop.test")]
    public void Base_urls_must_be_plain_http_or_https(string baseUrl)
    {
        var errors = new List<string>();

        Assert.Null(TargetAddress.TryCreate(baseUrl, errors));
        Assert.Contains("baseUrl", Assert.Single(errors), StringComparison.Ordinal);
    }
}
