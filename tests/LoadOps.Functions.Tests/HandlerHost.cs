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

    private HandlerHost(WebApplication app, RecordingSink sink, MemoryDeliveryLog deliveries)
    {
        _app = app;
        Sink = sink;
        Deliveries = deliveries;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }
    public RecordingSink Sink { get; }
    public MemoryDeliveryLog Deliveries { get; }

    public static async Task<HandlerHost> StartAsync(string? secret = Secret, params IFunction[] functions)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["LoadOps:GitHub:WebhookSecret"] = secret });
        builder.Services.AddLoadOpsFunctions(builder.Configuration);
        var sink = new RecordingSink();
        var deliveries = new MemoryDeliveryLog();
        builder.Services.AddSingleton<IRunRequestSink>(sink);
        builder.Services.AddSingleton<IDeliveryLog>(deliveries);
        foreach (var function in functions)
            builder.Services.AddSingleton(function);
        var app = builder.Build();
        app.MapFunctions();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new HandlerHost(app, sink, deliveries);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
