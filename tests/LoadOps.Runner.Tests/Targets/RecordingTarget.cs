using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoadOps.Runner.Tests.Targets;

/// <summary>
/// A real Kestrel server on a free loopback port that remembers every value sent to <c>/seen/{value}</c>, so a test
/// can count how often each data row reached the target (the sample shop keeps no such record).
/// </summary>
public sealed class RecordingTarget : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RecordingTarget(WebApplication app, string baseUrl, ConcurrentQueue<string> seen)
    {
        _app = app;
        BaseUrl = baseUrl;
        Seen = seen;
    }

    public string BaseUrl { get; }

    public ConcurrentQueue<string> Seen { get; }

    public static async Task<RecordingTarget> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var seen = new ConcurrentQueue<string>();
        app.MapGet("/seen/{value}", (string value) =>
        {
            seen.Enqueue(value);
            return Results.Ok();
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new RecordingTarget(app, address.TrimEnd('/'), seen);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
