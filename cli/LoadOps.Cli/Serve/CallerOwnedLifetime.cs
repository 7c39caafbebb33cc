using Microsoft.Extensions.Hosting;

namespace LoadOps.Cli.Serve;

/// <summary>
/// The lifetime of serve's web endpoint: started and stopped by serve alone. The default console lifetime takes
/// SIGINT and SIGTERM for itself and stops only Kestrel, which left serve's stages running and the process alive.
/// </summary>
internal sealed class CallerOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
