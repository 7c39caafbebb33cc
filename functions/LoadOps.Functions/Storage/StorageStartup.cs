using LoadOps.Cloud.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoadOps.Functions.Storage;

/// <summary>
/// Creates the tables, blob containers and stage queues that are missing, before the app takes work: on storage that
/// Bicep did not prepare every function would otherwise fail with TableNotFound or QueueNotFound. Idempotent.
/// </summary>
internal sealed partial class StorageStartup(StorageClients clients, ILogger<StorageStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await new StorageProvisioner(clients).EnsureCreatedAsync(cancellationToken);
        LogReady(logger, clients.Names.Tables.Count, clients.Names.Containers.Count, clients.Names.Queues.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Storage ready: {Tables} tables, {Containers} containers, {Queues} queues")]
    private static partial void LogReady(ILogger logger, int tables, int containers, int queues);
}
