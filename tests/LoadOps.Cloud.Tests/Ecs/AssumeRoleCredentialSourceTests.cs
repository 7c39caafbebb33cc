using LoadOps.Cloud.Ecs;
using LoadOps.Cloud.Tests.Stubs;
using Microsoft.Extensions.Time.Testing;

namespace LoadOps.Cloud.Tests.Ecs;

public sealed class AssumeRoleCredentialSourceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly EnvironmentCredentialSource Principal =
        new(name => name switch { "AWS_ACCESS_KEY_ID" => "AKIDPRINCIPAL", "AWS_SECRET_ACCESS_KEY" => "principal-secret", _ => null });

    private static string Assumed(string expiration) => $"""
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleResult>
            <Credentials>
              <AccessKeyId>ASIATEMP</AccessKeyId>
              <SecretAccessKey>temp-secret</SecretAccessKey>
              <SessionToken>temp-token</SessionToken>
              <Expiration>{expiration}</Expiration>
            </Credentials>
          </AssumeRoleResult>
        </AssumeRoleResponse>
        """;

    [Fact]
    public async Task Assumes_the_launcher_role_with_the_external_id_signed_by_the_principal_and_caches_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await using var stub = await StubServer.StartAsync((_, _) => new StubResponse(200, Assumed("2026-11-23T11:00:00Z")));
        using var http = new HttpClient();
        var source = new AssumeRoleCredentialSource(http, Principal, "arn:aws:iam::1:role/loadops-launcher", "ext-123", "us-east-1", clock, stub.Address);

        var first = await source.GetAsync(Ct);
        var second = await source.GetAsync(Ct);
        clock.Advance(TimeSpan.FromMinutes(56));
        await source.GetAsync(Ct);

        Assert.Equal(new AwsCredentials("ASIATEMP", "temp-secret", "temp-token"), first);
        Assert.Equal(first, second);
        Assert.Equal(2, stub.Requests.Count);
        var request = stub.Requests.First();
        Assert.Contains("Action=AssumeRole", request.BodyText, StringComparison.Ordinal);
        Assert.Contains("RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Floadops-launcher", request.BodyText, StringComparison.Ordinal);
        Assert.Contains("ExternalId=ext-123", request.BodyText, StringComparison.Ordinal);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDPRINCIPAL/20261123/us-east-1/sts/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.DoesNotContain("temp-secret", first.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_names_the_role_and_sts_reason()
    {
        const string denied = """
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code>
            <Message>not authorized to perform sts:AssumeRole</Message></Error></ErrorResponse>
            """;
        await using var stub = await StubServer.StartAsync((_, _) => new StubResponse(403, denied));
        using var http = new HttpClient();
        var source = new AssumeRoleCredentialSource(http, Principal, "arn:aws:iam::1:role/x", null, "us-east-1", TimeProvider.System, stub.Address);

        var error = await Assert.ThrowsAsync<EcsException>(async () => await source.GetAsync(Ct));

        Assert.Equal("AccessDenied", error.ErrorType);
        Assert.Contains("arn:aws:iam::1:role/x", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task A_body_that_is_not_xml_is_an_error_not_a_crash()
    {
        await using var stub = await StubServer.StartAsync((_, _) => new StubResponse(200, "{ not xml"));
        using var http = new HttpClient();
        var source = new AssumeRoleCredentialSource(http, Principal, "arn:aws:iam::1:role/x", null, "us-east-1", TimeProvider.System, stub.Address);

        var error = await Assert.ThrowsAsync<EcsException>(async () => await source.GetAsync(Ct));

        Assert.Equal("MalformedResponse", error.ErrorType);
    }

    [Fact]
    public async Task Regression_an_error_without_the_sts_namespace_keeps_its_code_and_message()
    {
        const string denied = "<ErrorResponse><Error><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error></ErrorResponse>";
        await using var stub = await StubServer.StartAsync((_, _) => new StubResponse(403, denied));
        using var http = new HttpClient();
        var source = new AssumeRoleCredentialSource(http, Principal, "arn:aws:iam::1:role/x", null, "us-east-1", TimeProvider.System, stub.Address);

        var error = await Assert.ThrowsAsync<EcsException>(async () => await source.GetAsync(Ct));

        Assert.Equal("ExpiredToken", error.ErrorType);
        Assert.Contains("The security token included in the request is expired", error.Message, StringComparison.Ordinal);
    }
}
