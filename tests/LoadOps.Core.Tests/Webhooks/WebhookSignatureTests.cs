using System.Text;
using LoadOps.Core.Webhooks;

namespace LoadOps.Core.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    // GitHub's documented example: secret "It's a Secret to Everybody", payload "Hello, World!".
    private const string DocumentedSignature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    [Fact]
    public void Matches_the_documented_example()
    {
        var body = Encoding.UTF8.GetBytes("Hello, World!");
        Assert.Equal(DocumentedSignature, WebhookSignature.Sign("It's a Secret to Everybody", body));
        Assert.True(WebhookSignature.IsValid("It's a Secret to Everybody", body, DocumentedSignature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18")]
    [InlineData("sha256=zz7107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    public void Rejects_anything_else(string? header) =>
        Assert.False(WebhookSignature.IsValid("It's a Secret to Everybody", Encoding.UTF8.GetBytes("Hello, World!"), header));
}
