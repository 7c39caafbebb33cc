using Azure.Storage.Queues.Models;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Functions.Hosting;
using LoadOps.Pipeline;
using Microsoft.Azure.Functions.Worker;

namespace LoadOps.Functions.Stages;

/// <summary>Queue trigger on <see cref="StageQueueNames.Report"/>: an evaluated run; hands the <see cref="ReportRun"/> to the report stage.</summary>
public sealed class ReportFunction(StageInvocation invocation)
{
    public const string Name = "report";

    [Function(Name)]
    public Task RunAsync([QueueTrigger(StageQueueNames.Report, Connection = FunctionsApp.StorageConnection)] QueueMessage message, CancellationToken cancellationToken) =>
        invocation.RunAsync(StageQueueNames.Report, message, cancellationToken);
}
