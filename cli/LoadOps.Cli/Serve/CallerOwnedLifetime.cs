using Microsoft.Extensions.Hosting;

namespace LoadOps.Cli.Serve;

/// <summary>
/// The lifetime of serve's host: started and stopped by serve's command alone, which owns Ctrl-C and SIGTERM. The
/// default console lifetime takes both signals for itself and stops only the host (Kestrel), which left serve's
/// stages running and the process alive.
/// </summary>
internal sealed class CallerOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
