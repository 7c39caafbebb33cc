using System.Security.Cryptography;
using System.Text;
using LoadOps.Cloud.Storage;
using LoadOps.Functions.Hosting;
using LoadOps.Functions.Tests.Metadata;
using LoadOps.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LoadOps.IntegrationTests.Functions;

/// <summary>
/// The Functions app built from its own registration (<see cref="FunctionsApp.AddLoadOpsFunctionsApp"/>, services
/// validated on build, in Development) over Azurite names nobody has created, started like the worker starts it (its
/// hosted services provision storage), with the host played from functions.metadata: HTTP routes on an in-memory server,
/// queue triggers by <see cref="QueueTriggerHost"/>.
/// </summary>
internal sealed class FunctionsAppRig : IAsyncDisposable
{
    public const string WebhookSecret = "functions-e2e-webhook-secret-42";
    public const string ApiToken = "functions-e2e-api-token-0123456789";

    private readonly WebApplication _app;

    private FunctionsAppRig(WebApplication app, StorageClients clients, QueueTriggerHost queues)
    {
        _app = app;
        Clients = clients;
        Queues = queues;
        Client = app.GetTestClient();
    }

    public StorageClients Clients { get; }
    public QueueTriggerHost Queues { get; }
    public HttpClient Client { get; }
    public PipelineStages Stages => _app.Services.GetRequiredService<PipelineStages>();

    public const string RetryDelaySetting = "LoadOps:Stages:RetryDelay";

    /// <param name="settings">The app's settings besides storage, the webhook secret and the API token.</param>
    public static async Task<FunctionsAppRig> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Host.UseDefaultServiceProvider(provider => provider.ValidateOnBuild = provider.ValidateScopes = true);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["LoadOps:Storage:ConnectionString"] = azurite.ConnectionString,
            ["LoadOps:Storage:NamePrefix"] = "f" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)),
            ["LoadOps:GitHub:WebhookSecret"] = WebhookSecret,
            ["LoadOps:Api:Tokens:0:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiToken))),
            // Short back-off (0.2 s doubling) so a message poisons in seconds; a test may ask for another.
            [RetryDelaySetting] = settings.GetValueOrDefault(RetryDelaySetting) ?? "00:00:00.200",
        });
        builder.AddLoadOpsFunctionsApp();
        var app = builder.Build();
        var functions = FunctionsMetadata.Read();
        HttpTriggerRoutes.MapAll(app, functions);
        await app.StartAsync(cancellationToken);
        var clients = app.Services.GetRequiredService<StorageClients>();
        return new FunctionsAppRig(app, clients, new QueueTriggerHost(app.Services, clients, functions));
    }

    /// <summary>Plays the queue triggers until the run is terminal; bounded by <paramref name="within"/>.</summary>
    public async Task<RunRecord?> DriveUntilTerminalAsync(string runId, TimeSpan within, CancellationToken cancellationToken)
    {
        for (var until = DateTime.UtcNow + within; DateTime.UtcNow < until;)
        {
            await Queues.PollOnceAsync(cancellationToken);
            if (await Stages.Runs.GetAsync(runId, cancellationToken) is { IsTerminal: true } run)
                return run;
            await Task.Delay(200, cancellationToken);
        }
        return await Stages.Runs.GetAsync(runId, cancellationToken);
    }

    public string Context(RunRecord? run) => $"{run?.Status}: {run?.StatusReason}\n{string.Join('\n', Queues.Log)}";

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
