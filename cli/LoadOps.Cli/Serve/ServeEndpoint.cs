using LoadOps.Cloud.Api;
using LoadOps.Cloud.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoadOps.Cli.Serve;

/// <summary>
/// The HTTP side of <c>loadops serve</c>: the GitHub webhook (<c>POST /api/github/webhook</c>) and the run API
/// (<c>/api/runs...</c>) on Kestrel, over the same storage as the stages. The handling is the Functions app's
/// (<see cref="WebhookReceiver"/>, <see cref="RunApi"/>); only the binding is here.
/// </summary>
internal sealed class ServeEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServeEndpoint(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The address Kestrel listens on (with the real port when 0 was asked for).</summary>
    public string Url { get; }

    public static async Task<ServeEndpoint> StartAsync(
        string listen, ServeSecurity security, StorageClients clients, TimeProvider clock, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(security);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(listen);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = WebhookReceiver.MaxBodyBytes + 1);
        var app = builder.Build();

        var sink = new QueueRunRequestSink(clients);
        var webhook = new WebhookReceiver(security.WebhookSecret, new StorageDeliveryLog(new DeliveryStore(clients, clock)), sink);
        var api = new RunApi(new ApiTokenCheck(security.Api), new StorageRunCatalog(clients, clock), sink);
        app.MapPost(WebhookReceiver.Route, async context =>
        {
            var request = context.Request;
            var body = await BoundedBody.ReadAsync(request.Body, request.ContentLength, WebhookReceiver.MaxBodyBytes, context.RequestAborted);
            var answer = body is null
                ? WebhookReceiver.TooLarge()
                : await webhook.HandleAsync(new WebhookDelivery(
                    request.Headers["X-GitHub-Event"].FirstOrDefault(), request.Headers["X-GitHub-Delivery"].FirstOrDefault(),
                    request.Headers[Core.Webhooks.WebhookSignature.HeaderName].FirstOrDefault(), body), context.RequestAborted);
            await ServeHttp.WriteAsync(context.Response, answer, log, "webhook", context.RequestAborted);
        });
        foreach (var pattern in new[] { RunApi.RunsPath, RunApi.RunsPath + "/{**rest}" })
        {
            app.Map(pattern, async context =>
            {
                var request = await ServeHttp.ReadApiRequestAsync(context.Request, security.Api.PublicUrl, context.RequestAborted);
                var answer = request is null
                    ? RunApi.TooLarge()
                    : await api.HandleAsync(request, context.RequestAborted);
                await ServeHttp.WriteAsync(context.Response, answer, log, "api", context.RequestAborted);
            });
        }

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new ServeEndpoint(app, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
