using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Publish;
using Microsoft.Extensions.Options;

namespace LoadOps.Cloud.Hosting;

/// <summary>The GitHub connections of <c>LoadOps:GitHub</c> (an App or a token), or none when neither is configured.</summary>
internal sealed class GitHubAccess(IOptions<GitHubOptions> options, TimeProvider clock) : IDisposable
{
    private readonly Lazy<GitHubConnections?> _connections = new(() =>
        RunPublisherFactory.IsConfigured(options.Value) ? new GitHubConnections(options.Value, clock) : null);

    public GitHubConnections? Connections => _connections.Value;

    public void Dispose()
    {
        if (_connections.IsValueCreated)
            _connections.Value?.Dispose();
    }
}
