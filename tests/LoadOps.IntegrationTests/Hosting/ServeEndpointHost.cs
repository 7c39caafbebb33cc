using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using LoadOps.Cli.Serve;
using LoadOps.Cloud.Storage;
using LoadOps.IntegrationTests.Functions;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Hosting;

/// <summary>
/// <c>loadops serve</c>'s app (<see cref="ServeApp"/>, the shared registration) listening on Kestrel (127.0.0.1, a free port) over fresh Azurite names, with the same
/// webhook secret and API token as <see cref="FunctionsAppRig"/>, so the two hosts can be sent the same requests.
/// </summary>
internal sealed class ServeEndpointHost : IAsyncDisposable
{
    private readonly ServeApp _endpoint;

    private ServeEndpointHost(ServeApp endpoint, StorageClients clients, ConcurrentQueue<string> log)
    {
        _endpoint = endpoint;
        Clients = clients;
        Log = log;
        Client = new HttpClient { BaseAddress = new Uri(endpoint.Url!) };
    }

    public StorageClients Clients { get; }
    public HttpClient Client { get; }
    /// <summary>What serve wrote to its log.</summary>
    public ConcurrentQueue<string> Log { get; }

    /// <param name="github">GitHub's address for the webhook's permission checks; null: GitHub not configured.</param>
    public static async Task<ServeEndpointHost> StartAsync(AzuriteFixture azurite, Uri? github, CancellationToken cancellationToken)
    {
        var clients = await azurite.NewClientsAsync(cancellationToken);
        var settings = new Dictionary<string, string?>
        {
            [ServeSettings.WebhookSecretVariable] = FunctionsAppRig.WebhookSecret,
            ["LoadOps__Api__Tokens__0__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(FunctionsAppRig.ApiToken))),
        };
        if (github is not null)
        {
            settings["LoadOps__GitHub__BaseAddress"] = github.ToString();
            settings["LoadOps__GitHub__Token"] = "ghp_serve_test_token_0123456789";
        }
        // Only the endpoint answers here: no stage reads the definitions or writes output.
        var repository = Path.GetTempPath();
        var options = new ServeOptions(azurite.ConnectionString, repository, Path.Combine(repository, "out"))
        {
            NamePrefix = clients.Names.Prefix,
            Listen = "http://127.0.0.1:0",
            Settings = settings,
        };
        var log = new ConcurrentQueue<string>();
        var endpoint = ServeApp.Create(options, new LocalDefinitionSource(repository), TimeProvider.System, log.Enqueue);
        await endpoint.StartAsync(cancellationToken);
        return new ServeEndpointHost(endpoint, clients, log);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _endpoint.DisposeAsync();
    }
}
