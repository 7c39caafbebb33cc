using System.Collections.Concurrent;

namespace LoadOps.Cloud.GitHub;

/// <summary>
/// One <see cref="GitHubApi"/> per GitHub App installation (each with its own cached installation token), created on
/// first use. With a personal access token there is one connection for every repository. Every connection goes through
/// the GitHub pipeline (<see cref="GitHubApi.Create"/>: <paramref name="policy"/>, or the host's <paramref name="handler"/>).
/// </summary>
public sealed class GitHubConnections(
    GitHubOptions options, TimeProvider clock, Http.OutboundPolicy? policy = null, Func<HttpMessageHandler>? handler = null) : IDisposable
{
    private readonly ConcurrentDictionary<long, Lazy<GitHubApi>> _apis = new();

    public GitHubOptions Options => options;

    /// <summary>The connection for an installation (null: the configured <see cref="GitHubOptions.InstallationId"/>).</summary>
    public GitHubApi For(long? installationId)
    {
        var id = !options.UsesApp ? 0 : installationId is > 0 ? installationId.Value : options.InstallationId;
        if (options.UsesApp && id <= 0)
            throw new GitHubException("authenticate as the app installation", 0,
                $"the request names no installation and {GitHubOptions.SectionName}:InstallationId is not set");
        return _apis.GetOrAdd(id, key => new Lazy<GitHubApi>(() => GitHubApi.Create(key == 0 ? options : WithInstallation(key), clock, policy, handler))).Value;
    }

    private GitHubOptions WithInstallation(long installationId) => new()
    {
        BaseAddress = options.BaseAddress,
        AppId = options.AppId,
        InstallationId = installationId,
        PrivateKeyPem = options.PrivateKeyPem,
        Token = options.Token,
    };

    public override string ToString() => options.ToString();

    public void Dispose()
    {
        foreach (var api in _apis.Values.Where(a => a.IsValueCreated))
            api.Value.Dispose();
        _apis.Clear();
    }
}
