using System.Security.Cryptography;
using System.Text;
using LoadOps.Cloud.Api;

namespace LoadOps.Cloud.Tests.Api;

public sealed class ApiTokenCheckTests
{
    private const string Token = "s3cret-token-value-1234";

    internal static string Sha256(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static ApiTokenCheck Check(params ApiTokenOptions[] tokens) => new(new ApiOptions { Tokens = tokens });

    [Fact]
    public void A_configured_token_is_accepted_with_its_scope()
    {
        var check = Check(new ApiTokenOptions { Sha256 = Sha256("other") }, new ApiTokenOptions { Sha256 = Sha256(Token), Repository = "octo/shop" });

        Assert.True(check.TryAuthorize($"Bearer {Token}", out var caller, out _));
        Assert.Equal("octo/shop", caller.Repository);
        Assert.True(caller.MayUse("Octo/Shop"));
        Assert.False(caller.MayUse("octo/other"));
    }

    [Fact]
    public void The_scheme_is_case_insensitive_and_the_hash_may_be_upper_case()
    {
        var check = Check(new ApiTokenOptions { Sha256 = Sha256(Token).ToUpperInvariant() });
        Assert.True(check.TryAuthorize($"bearer   {Token}  ", out var caller, out _));
        Assert.Null(caller.Repository);
        Assert.True(caller.MayUse("any/repo"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData(Token)]
    public void A_missing_or_malformed_header_gets_401_saying_how_to_send_the_token(string? header)
    {
        Assert.False(Check(new ApiTokenOptions { Sha256 = Sha256(Token) }).TryAuthorize(header, out _, out var refusal));
        Assert.Equal(401, refusal.StatusCode);
        Assert.Contains("Authorization: Bearer TOKEN", refusal.Body, StringComparison.Ordinal);
        Assert.Equal("Bearer realm=\"loadops\"", refusal.Headers["WWW-Authenticate"]);
    }

    [Fact]
    public void A_wrong_token_gets_401_and_is_never_repeated_in_the_answer_or_the_log_note()
    {
        const string guess = "guessed-token-abcdef-987";
        Assert.False(Check(new ApiTokenOptions { Sha256 = Sha256(Token) }).TryAuthorize($"Bearer {guess}", out _, out var refusal));

        Assert.Equal(401, refusal.StatusCode);
        Assert.DoesNotContain(guess, refusal.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(guess, refusal.LogNote ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(Sha256(guess), refusal.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(Sha256(Token), refusal.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_configured_tokens_every_call_gets_401_saying_what_to_set()
    {
        Assert.False(Check().TryAuthorize($"Bearer {Token}", out _, out var refusal));
        Assert.Equal(401, refusal.StatusCode);
        Assert.Contains("LoadOps:Api:Tokens", refusal.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, refusal.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData(Token)]
    [InlineData("zz0000000000000000000000000000000000000000000000000000000000000000")]
    public void A_configured_value_that_is_not_a_sha256_is_a_problem_at_start(string value)
    {
        var options = new ApiOptions { Tokens = [new ApiTokenOptions { Sha256 = value }] };
        var problem = Assert.Single(ApiTokenCheck.Problems(options));
        Assert.Contains("Tokens:0:Sha256", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, problem, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ApiTokenCheck(options));
    }
}
