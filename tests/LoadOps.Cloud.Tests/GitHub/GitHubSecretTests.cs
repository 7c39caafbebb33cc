using System.Security.Cryptography;
using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Tests.Stubs;
using Octokit;

namespace LoadOps.Cloud.Tests.GitHub;

/// <summary>Tokens, keys and JWTs never reach an exception message or a ToString.</summary>
public sealed class GitHubSecretTests
{
    private const string InstallationToken = "ghs_installation_secret_value_987";

    [Fact]
    public async Task No_failure_message_or_description_carries_a_token_or_the_key()
    {
        using var key = RSA.Create(2048);
        var pem = key.ExportRSAPrivateKeyPem();
        List<string> texts = [];
        List<string> jwts = [];

        // Every path of the endpoint fails a different way; the token endpoint works so the installation token is in play.
        await using var stub = await StubServer.StartAsync((request, n) =>
        {
            if (request.Path.EndsWith("/access_tokens", StringComparison.Ordinal))
            {
                jwts.Add(request.Header("Authorization")!["Bearer ".Length..]);
                return new StubResponse(201, $$"""{"token":"{{InstallationToken}}","expires_at":"{{DateTimeOffset.UtcNow.AddHours(1):O}}"}""");
            }
            return request.Path switch
            {
                var p when p.EndsWith("/401", StringComparison.Ordinal) => GitHubFixture.Error(401, "Bad credentials"),
                var p when p.EndsWith("/404", StringComparison.Ordinal) => GitHubFixture.Error(404, "Not Found"),
                var p when p.EndsWith("/422", StringComparison.Ordinal) => GitHubFixture.Error(422, "Validation Failed"),
                var p when p.EndsWith("/500", StringComparison.Ordinal) => GitHubFixture.Error(500, "Server Error"),
                _ => StubResponse.Json("{not json"),
            };
        });
        var app = new GitHubOptions
        {
            BaseAddress = stub.Address, AppId = "4242", InstallationId = 9, PrivateKeyPem = pem,
        };
        using var appApi = GitHubFixture.Api(app, maxAttempts: 2);
        using var patApi = GitHubFixture.Api(stub);
        texts.AddRange([app.ToString(), appApi.ToString(), GitHubFixture.PatOptions(stub).ToString(), patApi.ToString()]);

        foreach (var api in new[] { appApi, patApi })
        {
            var statuses = new CommitStatusPublisher(api);
            foreach (var sha in new[] { "401", "404", "422", "500", "bad-json" })
            {
                var error = await Assert.ThrowsAsync<GitHubException>(() =>
                    statuses.SetAsync(GitHubFixture.Repo, sha, "t", CommitState.Pending, "x", null, GitHubFixture.Token));
                texts.Add(error.ToString());
            }
        }

        Assert.NotEmpty(jwts);
        string[] secrets = [GitHubFixture.Pat, InstallationToken, .. jwts, pem, pem.Split('\n')[1]];
        foreach (var text in texts)
            foreach (var secret in secrets)
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.Contains(texts, t => t.Contains("Bad credentials", StringComparison.Ordinal));
    }
}
