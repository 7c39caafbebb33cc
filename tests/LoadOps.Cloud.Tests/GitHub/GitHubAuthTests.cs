using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Tests.Stubs;
using Microsoft.Extensions.Time.Testing;

namespace LoadOps.Cloud.Tests.GitHub;

public sealed class GitHubAuthTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static GitHubOptions AppOptions(StubServer stub, RSA key) => new()
    {
        BaseAddress = stub.Address, AppId = "424242", InstallationId = 77, PrivateKeyPem = key.ExportRSAPrivateKeyPem(),
    };

    /// <summary>Answers the token endpoint (after checking the JWT the way GitHub does) and the status endpoint.</summary>
    private static Func<RecordedRequest, int, StubResponse> AppHandler(RSA publicKey, Func<DateTimeOffset> expiresAt, List<string> jwtProblems)
    {
        var issued = 0;
        return (request, _) =>
        {
            if (request.Path == "/app/installations/77/access_tokens")
            {
                jwtProblems.AddRange(CheckJwt(request.Header("Authorization"), publicKey));
                issued++;
                return new StubResponse(201, $$"""{"token":"ghs_installation_{{issued}}","expires_at":"{{expiresAt():O}}"}""");
            }
            return StubResponse.Json("""{"id":1,"state":"success"}""", 201);
        };
    }

    private static IEnumerable<string> CheckJwt(string? authorization, RSA publicKey)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            yield return $"not a bearer token: {authorization}";
            yield break;
        }
        var parts = authorization["Bearer ".Length..].Split('.');
        var signed = Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}");
        if (!publicKey.VerifyData(signed, FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            yield return "signature does not verify with the app's public key";
        var header = JsonNode.Parse(FromBase64Url(parts[0]))!;
        var claims = JsonNode.Parse(FromBase64Url(parts[1]))!;
        if (header["alg"]!.GetValue<string>() != "RS256")
            yield return "alg is not RS256";
        if (claims["iss"]!.GetValue<string>() != "424242")
            yield return "iss is not the app id";
        if (claims["iat"]!.GetValue<long>() != Now.AddSeconds(-60).ToUnixTimeSeconds())
            yield return "iat is not now - 60 s";
        if (claims["exp"]!.GetValue<long>() != Now.AddMinutes(9).ToUnixTimeSeconds())
            yield return "exp is not now + 9 min";
    }

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }

    [Fact]
    public async Task App_auth_signs_a_jwt_gets_an_installation_token_and_caches_it()
    {
        using var key = RSA.Create(2048);
        List<string> problems = [];
        await using var stub = await StubServer.StartAsync(AppHandler(key, () => Now.AddHours(1), problems));
        // No retries happen here, so a fake clock is safe: it only fixes the JWT's claims and the cache's notion of now.
        var clock = new FakeTimeProvider(Now);
        using var api = GitHubApi.Create(AppOptions(stub, key), clock, GitHubFixture.Policy(1));
        var statuses = new CommitStatusPublisher(api);

        await statuses.SetAsync(GitHubFixture.Repo, "abc", "checkout", Octokit.CommitState.Success, "ok", null, GitHubFixture.Token);
        await statuses.SetAsync(GitHubFixture.Repo, "abc", "checkout", Octokit.CommitState.Success, "ok", null, GitHubFixture.Token);

        Assert.Empty(problems);
        var requests = stub.Requests.ToList();
        Assert.Equal(["/app/installations/77/access_tokens", "/repos/octo/shop/statuses/abc", "/repos/octo/shop/statuses/abc"], requests.Select(r => r.Path));
        Assert.Equal("POST", requests[0].Method);
        GitHubFixture.AssertRestHeaders(requests[0]);
        Assert.All(requests.Skip(1), r => Assert.Equal("Bearer ghs_installation_1", r.Header("Authorization")));
    }

    [Fact]
    public async Task The_installation_token_is_renewed_five_minutes_before_it_expires()
    {
        using var key = RSA.Create(2048);
        List<string> problems = [];
        var clock = new FakeTimeProvider(Now);
        await using var stub = await StubServer.StartAsync(AppHandler(key, () => clock.GetUtcNow().AddMinutes(60), problems));
        using var api = GitHubApi.Create(AppOptions(stub, key), clock, GitHubFixture.Policy(1));
        var statuses = new CommitStatusPublisher(api);

        await statuses.SetAsync(GitHubFixture.Repo, "abc", "t", Octokit.CommitState.Pending, "running", null, GitHubFixture.Token);
        clock.Advance(TimeSpan.FromMinutes(54));
        await statuses.SetAsync(GitHubFixture.Repo, "abc", "t", Octokit.CommitState.Pending, "running", null, GitHubFixture.Token);
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await statuses.SetAsync(GitHubFixture.Repo, "abc", "t", Octokit.CommitState.Pending, "running", null, GitHubFixture.Token);

        var auth = stub.Requests.Where(r => r.Path.StartsWith("/repos", StringComparison.Ordinal)).Select(r => r.Header("Authorization")).ToList();
        Assert.Equal(["Bearer ghs_installation_1", "Bearer ghs_installation_1", "Bearer ghs_installation_2"], auth);
    }

    [Fact]
    public async Task A_rejected_jwt_fails_with_githubs_message_and_the_next_call_asks_again()
    {
        using var key = RSA.Create(2048);
        await using var stub = await StubServer.StartAsync((request, n) => request.Path.EndsWith("/access_tokens", StringComparison.Ordinal) && n == 1
            ? GitHubFixture.Error(401, "A JSON web token could not be decoded")
            : request.Path.EndsWith("/access_tokens", StringComparison.Ordinal)
                ? new StubResponse(201, $$"""{"token":"ghs_second","expires_at":"{{Now.AddHours(1):O}}"}""")
                : StubResponse.Json("""{"id":1}""", 201));
        using var api = GitHubApi.Create(AppOptions(stub, key), new FakeTimeProvider(Now), GitHubFixture.Policy(1));
        var statuses = new CommitStatusPublisher(api);

        var error = await Assert.ThrowsAsync<GitHubException>(() => statuses.SetAsync(GitHubFixture.Repo, "abc", "t", Octokit.CommitState.Pending, "x", null, GitHubFixture.Token));
        Assert.Equal(401, error.StatusCode);
        Assert.Contains("installation token", error.Message, StringComparison.Ordinal);
        Assert.Contains("A JSON web token could not be decoded", error.Message, StringComparison.Ordinal);
        Assert.Single(stub.Requests);

        await statuses.SetAsync(GitHubFixture.Repo, "abc", "t", Octokit.CommitState.Pending, "x", null, GitHubFixture.Token);
        Assert.Equal("Bearer ghs_second", stub.Requests.Last().Header("Authorization"));
    }

    [Fact]
    public async Task A_personal_access_token_is_sent_as_a_token_header()
    {
        await using var stub = await StubServer.StartAsync((_, _) => StubResponse.Json("""{"id":1}""", 201));
        using var api = GitHubFixture.Api(stub);

        await new CommitStatusPublisher(api).SetAsync(GitHubFixture.Repo, "abc", "t", Octokit.CommitState.Pending, "x", null, GitHubFixture.Token);

        var request = Assert.Single(stub.Requests);
        Assert.Equal($"token {GitHubFixture.Pat}", request.Header("Authorization"), ignoreCase: true);
        GitHubFixture.AssertRestHeaders(request);
    }

    [Fact]
    public void Options_without_credentials_or_with_a_bad_key_fail_clearly()
    {
        var none = Assert.Throws<InvalidOperationException>(() => GitHubApi.Create(new GitHubOptions(), TimeProvider.System));
        Assert.Contains("Token", none.Message, StringComparison.Ordinal);
        var bad = Assert.Throws<InvalidOperationException>(() => GitHubApi.Create(new GitHubOptions { AppId = "1", InstallationId = 2, PrivateKeyPem = "not a key" }, TimeProvider.System));
        Assert.Contains("not a PEM RSA private key", bad.Message, StringComparison.Ordinal);
    }
}
