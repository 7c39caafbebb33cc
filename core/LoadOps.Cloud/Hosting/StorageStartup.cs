using Azure;
using LoadOps.Cloud.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoadOps.Cloud.Hosting;

/// <summary>
/// Creates the tables, blob containers and stage queues that are missing, before the app takes work: on storage that
/// Bicep did not prepare every function would otherwise fail with TableNotFound or QueueNotFound. Idempotent. An
/// identity that may not create them (403) is only warned about: then they must exist already, as Bicep makes them.
/// </summary>
internal sealed partial class StorageStartup(StorageClients clients, ILogger<StorageStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await new StorageProvisioner(clients).EnsureCreatedAsync(cancellationToken);
            LogReady(logger, clients.Names.Tables.Count, clients.Names.Containers.Count, clients.Names.Queues.Count);
        }
        catch (RequestFailedException e) when (e.Status == 403)
        {
            LogNotAllowed(logger, e.ErrorCode ?? "403");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Storage ready: {Tables} tables, {Containers} containers, {Queues} queues")]
    private static partial void LogReady(ILogger logger, int tables, int containers, int queues);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning,
        Message = "Storage: not allowed to create missing tables, containers or queues ({Code}); they must exist already (bicep/modules/storage.bicep makes them)")]
    private static partial void LogNotAllowed(ILogger logger, string code);
}
