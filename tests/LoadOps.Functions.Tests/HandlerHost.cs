using System.Security.Cryptography;
using System.Text;
using LoadOps.Cloud.Api;
using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Tests.Api;
using LoadOps.Functions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoadOps.Functions.Tests;

/// <summary>The handler app on an in-memory server, with recording stand-ins for its storage seams.</summary>
internal sealed class HandlerHost : IAsyncDisposable
{
    public const string Secret = "test-webhook-secret-0123456789";

    /// <summary>An API token allowed for every repository, and one limited to octo-org/other.</summary>
    public const string ApiToken = "test-api-token-for-every-repo";
    public const string ScopedApiToken = "test-api-token-for-octo-other";

    private readonly WebApplication _app;

    private HandlerHost(WebApplication app, RecordingSink sink, MemoryDeliveryLog deliveries, MemoryRunCatalog runs, CapturedLogs logs, FakeRepositoryAccess access)
    {
        Logs = logs;
        _app = app;
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

    public static Task<HandlerHost> StartAsync(string? secret = Secret, params IFunction[] functions) => StartAsync(secret, withTokens: true, fakeGitHub: true, functions);

    public static Task<HandlerHost> StartAsync(string? secret, bool withTokens, params IFunction[] functions) =>
        StartAsync(secret, withTokens, fakeGitHub: true, functions);

    /// <summary>With <paramref name="fakeGitHub"/> false, the app's own GitHub access is used (unconfigured here).</summary>
    public static Task<HandlerHost> StartAsync(string? secret, bool fakeGitHub, bool withTokens = true) =>
        StartAsync(secret, withTokens, fakeGitHub, []);

    private static async Task<HandlerHost> StartAsync(string? secret, bool withTokens, bool fakeGitHub, IFunction[] functions)
    {
        var builder = WebApplication.CreateSlimBuilder();
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
        builder.Services.AddLoadOpsFunctions(builder.Configuration);
        var sink = new RecordingSink();
        var deliveries = new MemoryDeliveryLog();
        builder.Services.AddSingleton<IRunRequestSink>(sink);
        builder.Services.AddSingleton<IDeliveryLog>(deliveries);
        var access = new FakeRepositoryAccess();
        if (fakeGitHub)
            builder.Services.AddSingleton<IRepositoryAccess>(access);
        var runs = new MemoryRunCatalog();
        builder.Services.AddSingleton<IRunCatalog>(runs);
        foreach (var function in functions)
            builder.Services.AddSingleton(function);
        var app = builder.Build();
        app.MapFunctions();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new HandlerHost(app, sink, deliveries, runs, logs, access);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
