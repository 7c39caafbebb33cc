using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using LoadOps.Cli.Serve;
using LoadOps.Cloud.Api;
using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Storage;
using LoadOps.IntegrationTests.Functions;

namespace LoadOps.IntegrationTests.Hosting;

/// <summary>
/// <c>loadops serve</c>'s HTTP endpoint on Kestrel (127.0.0.1, a free port) over fresh Azurite names, with the same
/// webhook secret and API token as <see cref="FunctionsAppRig"/>, so the two hosts can be sent the same requests.
/// </summary>
internal sealed class ServeEndpointHost : IAsyncDisposable
{
    private readonly ServeEndpoint _endpoint;

    private ServeEndpointHost(ServeEndpoint endpoint, StorageClients clients, ConcurrentQueue<string> log)
    {
        _endpoint = endpoint;
        Clients = clients;
        Log = log;
        Client = new HttpClient { BaseAddress = new Uri(endpoint.Url) };
    }

    public StorageClients Clients { get; }
    public HttpClient Client { get; }
    /// <summary>What serve wrote to its log.</summary>
    public ConcurrentQueue<string> Log { get; }

    /// <param name="github">GitHub's address for the webhook's permission checks; null: GitHub not configured.</param>
    public static async Task<ServeEndpointHost> StartAsync(AzuriteFixture azurite, Uri? github, CancellationToken cancellationToken)
    {
        var clients = await azurite.NewClientsAsync(cancellationToken);
        var security = new ServeSecurity(FunctionsAppRig.WebhookSecret, new ApiOptions
        {
            Tokens = [new ApiTokenOptions { Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(FunctionsAppRig.ApiToken))) }],
        })
        {
            GitHub = github is null ? null : new GitHubOptions { BaseAddress = github, Token = "ghp_serve_test_token_0123456789" },
        };
        var log = new ConcurrentQueue<string>();
        var endpoint = await ServeEndpoint.StartAsync("http://127.0.0.1:0", security, clients, TimeProvider.System, log.Enqueue, cancellationToken);
        return new ServeEndpointHost(endpoint, clients, log);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _endpoint.DisposeAsync();
    }
}
