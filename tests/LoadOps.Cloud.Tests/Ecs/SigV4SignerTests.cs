using LoadOps.Cloud.Ecs;

namespace LoadOps.Cloud.Tests.Ecs;

/// <summary>AWS's published Signature Version 4 test-suite vectors (example credentials, 2015-08-30T12:36:00Z).</summary>
public sealed class SigV4SignerTests
{
    private static readonly AwsCredentials Example = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private const string AmzDate = "20150830T123600Z";
    private const string EmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static string Sign(string method, string path, string query = "") =>
        SigV4Signer.Authorization(
            new SigningRequest(method, path, query, [new("Host", "example.amazonaws.com"), new("X-Amz-Date", AmzDate)], EmptyHash),
            Example, "us-east-1", "service", AmzDate);

    private static string Expected(string signature) =>
        $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature={signature}";

    [Fact]
    public void Get_vanilla() => Assert.Equal(Expected("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"), Sign("GET", "/"));

    [Fact]
    public void Get_vanilla_query_order_key_case() =>
        Assert.Equal(Expected("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"), Sign("GET", "/", "Param2=value2&Param1=value1"));

    [Fact]
    public void Post_vanilla() => Assert.Equal(Expected("5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"), Sign("POST", "/"));

    [Fact]
    public void Get_utf8() => Assert.Equal(Expected("8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"), Sign("GET", "/ሴ"));

    [Fact]
    public void Derives_the_published_signing_key() =>
        Assert.Equal("938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75",
            Convert.ToHexStringLower(SigV4Signer.SigningKey(Example.SecretAccessKey, "20150830", "us-east-1", "service")));

    [Fact]
    public void Credentials_never_print_their_secrets()
    {
        var text = new AwsCredentials("AKID", "very-secret", "session-secret").ToString();
        Assert.DoesNotContain("very-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("session-secret", text, StringComparison.Ordinal);
    }
}
