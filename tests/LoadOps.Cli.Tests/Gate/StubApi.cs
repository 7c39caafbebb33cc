using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoadOps.Cli.Tests.Gate;

/// <summary>A stand-in for the run API on 127.0.0.1: answers each call from a script and records what it was sent.</summary>
internal sealed class StubApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubApi(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public ConcurrentQueue<string> Authorizations { get; } = new();

    public static async Task<StubApi> StartAsync(Func<HttpRequest, int, (int Status, string Body)> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        StubApi? stub = null;
        var calls = 0;
        app.Run(async context =>
        {
            stub!.Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
            var (status, body) = answer(context.Request, Interlocked.Increment(ref calls));
            context.Response.StatusCode = status;
            context.Response.ContentType = body.StartsWith('{') ? "application/json" : "text/markdown";
            await context.Response.WriteAsync(body);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        stub = new StubApi(app, url);
        return stub;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
