using LoadOps.Cloud.GitHub;
using LoadOps.Functions.Hosting;
using LoadOps.Functions.Webhook;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LoadOps.Functions.Tests;

/// <summary>The handler app on an in-memory server, with recording stand-ins for its storage seams.</summary>
internal sealed class HandlerHost : IAsyncDisposable
{
    public const string Secret = "test-webhook-secret-0123456789";

    private readonly WebApplication _app;

    private HandlerHost(WebApplication app, RecordingSink sink, MemoryDeliveryLog deliveries, FakeRepositoryAccess access)
    {
        _app = app;
        Sink = sink;
        Deliveries = deliveries;
        Access = access;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }
    public RecordingSink Sink { get; }
    public MemoryDeliveryLog Deliveries { get; }
    public FakeRepositoryAccess Access { get; }

    public static Task<HandlerHost> StartAsync(string? secret = Secret, params IFunction[] functions) =>
        StartAsync(secret, fakeGitHub: true, functions);

    /// <summary>With <paramref name="fakeGitHub"/> false, the app's own GitHub access is used (unconfigured here).</summary>
    public static async Task<HandlerHost> StartAsync(string? secret, bool fakeGitHub, params IFunction[] functions)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["LoadOps:GitHub:WebhookSecret"] = secret });
        builder.Services.AddLoadOpsFunctions(builder.Configuration);
        var sink = new RecordingSink();
        var deliveries = new MemoryDeliveryLog();
        builder.Services.AddSingleton<IRunRequestSink>(sink);
        builder.Services.AddSingleton<IDeliveryLog>(deliveries);
        var access = new FakeRepositoryAccess();
        if (fakeGitHub)
            builder.Services.AddSingleton<IRepositoryAccess>(access);
        foreach (var function in functions)
            builder.Services.AddSingleton(function);
        var app = builder.Build();
        app.MapFunctions();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new HandlerHost(app, sink, deliveries, access);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
