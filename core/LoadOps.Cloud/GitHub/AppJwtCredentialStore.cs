using System.Security.Cryptography;
using Octokit;

namespace LoadOps.Cloud.GitHub;

/// <summary>Credentials for the app's own endpoints: a fresh RS256 JWT per request (signing is cheap; no expiry to track).</summary>
internal sealed class AppJwtCredentialStore(string appId, RSA key, TimeProvider clock) : ICredentialStore
{
    public Task<Credentials> GetCredentials() =>
        Task.FromResult(new Credentials(GitHubAppJwt.Create(appId, key, clock.GetUtcNow()), AuthenticationType.Bearer));

    public override string ToString() => $"app {appId} JWT";
}
