using Octokit;

namespace LoadOps.Cloud.GitHub;

/// <summary>
/// Installation access tokens: POST /app/installations/{id}/access_tokens with the app's JWT, cached until five
/// minutes before <c>expires_at</c>. A failed refresh leaves the cache as it was and throws a <see cref="GitHubException"/>.
/// </summary>
internal sealed class InstallationTokenStore(IApiConnection appConnection, long installationId, TimeProvider clock) : ICredentialStore, IDisposable
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Credentials? _cached;
    private DateTimeOffset _refreshAt;

    public int TokensFetched { get; private set; }

    public async Task<Credentials> GetCredentials()
    {
        var cached = _cached;
        if (cached is not null && clock.GetUtcNow() < _refreshAt)
            return cached;
        await _gate.WaitAsync();
        try
        {
            if (_cached is not null && clock.GetUtcNow() < _refreshAt)
                return _cached;
            var token = await FetchAsync();
            _cached = new Credentials(token.Token, AuthenticationType.Bearer);
            _refreshAt = token.ExpiresAt - RefreshMargin;
            TokensFetched++;
            return _cached;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<AccessToken> FetchAsync()
    {
        const string operation = "installation token";
        try
        {
            var token = await appConnection.Post<AccessToken>(new Uri($"app/installations/{installationId}/access_tokens", UriKind.Relative), CancellationToken.None);
            if (string.IsNullOrEmpty(token?.Token))
                throw new GitHubException(operation, 201, "the answer has no token");
            return token;
        }
        catch (ApiException e)
        {
            throw GitHubApi.Translate(operation, e);
        }
        catch (Exception e) when (e is not GitHubException and not OperationCanceledException)
        {
            throw GitHubApi.Unreadable(operation, e);
        }
    }

    public void Dispose() => _gate.Dispose();

    public override string ToString() => $"installation {installationId} token";
}
