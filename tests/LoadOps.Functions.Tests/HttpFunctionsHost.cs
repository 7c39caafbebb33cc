using System.Security.Cryptography;
using System.Text;
using LoadOps.Cloud.Api;
using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Hosting;
using LoadOps.Cloud.Tests.Api;
using LoadOps.Functions.Tests.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoadOps.Functions.Tests;

/// <summary>
/// The app's HTTP functions on an in-memory server, routed the way the Functions host routes them: each httpTrigger of
/// the generated functions.metadata at <c>/api/{route}</c> for its methods, calling the entry point on a function class
/// built from the app's services. The server runs in Development, where ASP.NET Core shows exception pages; recording
/// stand-ins replace the storage seams.
/// </summary>
internal sealed class HttpFunctionsHost : IAsyncDisposable
{
    public const string Secret = "test-webhook-secret-0123456789";

    /// <summary>An API token allowed for every repository, and one limited to octo-org/other.</summary>
    public const string ApiToken = "test-api-token-for-every-repo";
    public const string ScopedApiToken = "test-api-token-for-octo-other";

    private readonly WebApplication _app;

    private HttpFunctionsHost(WebApplication app, RecordingSink sink, MemoryDeliveryLog deliveries, MemoryRunCatalog runs, CapturedLogs logs, FakeRepositoryAccess access)
    {
        _app = app;
        Logs = logs;
        Sink = sink;
        Deliveries = deliveries;
        Access = access;
        Runs = runs;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }
    public RecordingSink Sink { get; }
    public MemoryDeliveryLog Deliveries { get; }
    public FakeRepositoryAccess Access { get; }
    public MemoryRunCatalog Runs { get; }
    public CapturedLogs Logs { get; }

    public static string Sha256(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <param name="fakeGitHub">False: the app's own GitHub access is used (unconfigured here).</param>
    /// <param name="catalog">The run catalog behind the API (default: an in-memory one).</param>
    public static async Task<HttpFunctionsHost> StartAsync(string? secret = Secret, bool withTokens = true, bool fakeGitHub = true, IRunCatalog? catalog = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        var settings = new Dictionary<string, string?> { ["LoadOps:GitHub:WebhookSecret"] = secret };
        if (withTokens)
        {
            settings["LoadOps:Api:Tokens:0:Sha256"] = Sha256(ApiToken);
            settings["LoadOps:Api:Tokens:1:Sha256"] = Sha256(ScopedApiToken).ToUpperInvariant();
            settings["LoadOps:Api:Tokens:1:Repository"] = "octo-org/other";
        }
        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new CapturedLogs();
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        builder.Services.AddLoadOpsHttp();
        var sink = new RecordingSink();
        var deliveries = new MemoryDeliveryLog();
        builder.Services.AddSingleton<IRunRequestSink>(sink);
        builder.Services.AddSingleton<IDeliveryLog>(deliveries);
        var access = new FakeRepositoryAccess();
        if (fakeGitHub)
            builder.Services.AddSingleton<IRepositoryAccess>(access);
        var runs = new MemoryRunCatalog();
        builder.Services.AddSingleton<IRunCatalog>(catalog ?? runs);
        var app = builder.Build();
        HttpTriggerRoutes.MapAll(app, FunctionsMetadata.Read());
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new HttpFunctionsHost(app, sink, deliveries, runs, logs, access);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
