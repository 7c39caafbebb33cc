using LoadOps.Cloud.Api;
using LoadOps.Cloud.Hosting;
using LoadOps.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoadOps.Cli.Serve;

/// <summary>
/// The services of <c>loadops serve</c>: the Functions app's registration (<see cref="PipelineServices.AddLoadOpsPipeline"/>)
/// over <see cref="ServeSettings"/>, with only what differs replaced: definitions from the checkout (or the watched
/// repository) and serve's own launcher (<see cref="LauncherSlot"/>, filled by <see cref="ServeHost"/>). With
/// <see cref="ServeOptions.Listen"/> it is a web app that maps the same endpoints (<see cref="LoadOpsRoutes.MapLoadOpsHttp"/>)
/// on Kestrel; without, a plain host.
/// </summary>
internal sealed class ServeApp : IAsyncDisposable
{
    private readonly IHost _host;

    private ServeApp(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    /// <summary>The address Kestrel listens on (with the real port when 0 was asked for), once started; null without an endpoint.</summary>
    public string? Url { get; private set; }

    /// <summary>Builds the app; a setting that is wrong shows when a service is first resolved or at start (<c>OptionsValidationException</c>).</summary>
    public static ServeApp Create(ServeOptions options, IDefinitionSource source, TimeProvider clock, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Production whatever the environment says: no developer exception page, which would echo request headers.
        var web = options.Listen is null ? null : WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        IHostApplicationBuilder builder = web is null
            ? Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production })
            : web;

        // Serve's settings are the ones given below, not whatever the process environment holds. (Before UseUrls,
        // which is a setting too.)
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(ServeSettings.For(options));
        if (web is not null)
        {
            web.WebHost.UseUrls(options.Listen!);
            web.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = WebhookReceiver.MaxBodyBytes + 1);
        }
        builder.Logging.ClearProviders().AddProvider(new ServeLogLines(log));
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(source);
        builder.Services.AddSingleton<LauncherSlot>();
        builder.Services.AddSingleton<IShardLauncher>(provider => provider.GetRequiredService<LauncherSlot>());
        builder.Services.AddLoadOpsPipeline(builder.Configuration);
        if (web is null)
            return new ServeApp(((HostApplicationBuilder)builder).Build());

        var app = web.Build();
        app.MapLoadOpsHttp();
        return new ServeApp(app);
    }

    /// <summary>Checks the options, creates what storage lacks and, with an endpoint, starts listening.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _host.StartAsync(cancellationToken);
        if (_host is WebApplication)
            Url = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(CancellationToken.None);
        }
        catch (OperationCanceledException)
        {
            // Stopped while starting: nothing was left running.
        }
        if (_host is IAsyncDisposable disposable)
            await disposable.DisposeAsync();
        else
            _host.Dispose();
    }
}
