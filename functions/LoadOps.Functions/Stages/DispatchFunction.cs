using Azure.Storage.Queues.Models;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Functions.Hosting;
using LoadOps.Pipeline;
using Microsoft.Azure.Functions.Worker;

namespace LoadOps.Functions.Stages;

/// <summary>Queue trigger on <see cref="StageQueueNames.Dispatch"/>: a planned run; hands the <see cref="DispatchRun"/> to the dispatch stage.</summary>
public sealed class DispatchFunction(StageInvocation invocation)
{
    public const string Name = "dispatch";

    [Function(Name)]
    public Task RunAsync([QueueTrigger(StageQueueNames.Dispatch, Connection = FunctionsApp.StorageConnection)] QueueMessage message, CancellationToken cancellationToken) =>
        invocation.RunAsync(StageQueueNames.Dispatch, message, cancellationToken);
}
