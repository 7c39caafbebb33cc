using LoadOps.Cloud.Api;
using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Hosting;
using LoadOps.Cloud.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoadOps.Cli.Serve;

/// <summary>
/// The HTTP side of <c>loadops serve</c>: the Functions app's endpoints (<see cref="LoadOpsRoutes.MapLoadOpsHttp"/>,
/// registered by <see cref="HttpServices.AddLoadOpsHttp"/>) on Kestrel, over the same storage as the stages. Only the
/// settings differ: they come from <see cref="ServeSecurity"/> (the environment) instead of app settings.
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
        // Serve's settings are the ones given below, not whatever the process environment holds.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Logging.ClearProviders().AddProvider(new ServeLogLines(log));
        builder.WebHost.UseUrls(listen);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = WebhookReceiver.MaxBodyBytes + 1);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(Options.Create(new WebhookOptions { WebhookSecret = security.WebhookSecret }));
        builder.Services.AddSingleton(Options.Create(security.Api));
        builder.Services.AddSingleton(Options.Create(security.GitHub ?? new GitHubOptions()));
        builder.Services.AddSingleton<IRunRequestSink>(new QueueRunRequestSink(clients));
        builder.Services.AddSingleton<IDeliveryLog>(new StorageDeliveryLog(new DeliveryStore(clients, clock)));
        builder.Services.AddSingleton<IRunCatalog>(new StorageRunCatalog(clients, clock));
        builder.Services.AddSingleton<IBaselineAcceptor>(new StorageBaselineAcceptor(clients, clock));
        builder.Services.AddLoadOpsHttp();
        var app = builder.Build();
        app.MapLoadOpsHttp();

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
