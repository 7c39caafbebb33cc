using LoadOps.SampleTarget;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace LoadOps.Testing;

/// <summary>The sample target running in this process on a free loopback port; one per test that changes its faults.</summary>
public sealed class SampleTargetHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SampleTargetHost(WebApplication app, FaultInjector faults, string baseUrl)
    {
        _app = app;
        Faults = faults;
        BaseUrl = baseUrl;
    }

    public FaultInjector Faults { get; }

    /// <summary>http://127.0.0.1:PORT, without a trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>Starts it (a local start takes milliseconds, so it takes no cancellation token).</summary>
    public static async Task<SampleTargetHost> StartAsync(FaultSettings? faults = null)
    {
        var (app, injector) = SampleTargetApp.Build("http://127.0.0.1:0", faults ?? new FaultSettings());
        await app.StartAsync(CancellationToken.None);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new SampleTargetHost(app, injector, address.TrimEnd('/'));
    }

    /// <summary>
    /// A loopback port nothing listens on: a privileged one, because a freed ephemeral port could be taken by another
    /// test's server while the suite runs in parallel (a "refused" test once saw that server's status codes).
    /// </summary>
    public static int ClosedPort() => 1;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
