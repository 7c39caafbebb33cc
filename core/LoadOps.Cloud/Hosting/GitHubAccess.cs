using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Http;
using LoadOps.Cloud.Publish;
using Microsoft.Extensions.Options;

namespace LoadOps.Cloud.Hosting;

/// <summary>
/// The GitHub connections of <c>LoadOps:GitHub</c> (an App or a token), or none when neither is configured; their
/// calls go through the host's GitHub pipeline (<see cref="OutboundHttp.GitHub"/>).
/// </summary>
internal sealed class GitHubAccess(IOptions<GitHubOptions> options, IHttpMessageHandlerFactory handlers, TimeProvider clock) : IDisposable
{
    private readonly Lazy<GitHubConnections?> _connections = new(() =>
        RunPublisherFactory.IsConfigured(options.Value)
            ? new GitHubConnections(options.Value, clock, handler: () => handlers.CreateHandler(OutboundHttp.GitHub))
            : null);

    public GitHubConnections? Connections => _connections.Value;

    public void Dispose()
    {
        if (_connections.IsValueCreated)
            _connections.Value?.Dispose();
    }
}
