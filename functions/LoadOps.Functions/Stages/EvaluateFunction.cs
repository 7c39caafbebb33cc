using Azure.Storage.Queues.Models;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Functions.Hosting;
using LoadOps.Pipeline;
using Microsoft.Azure.Functions.Worker;

namespace LoadOps.Functions.Stages;

/// <summary>Queue trigger on <see cref="StageQueueNames.Evaluate"/>: a merged run; hands the <see cref="EvaluateRun"/> to the evaluate stage.</summary>
public sealed class EvaluateFunction(StageInvocation invocation)
{
    public const string Name = "evaluate";

    [Function(Name)]
    public Task RunAsync([QueueTrigger(StageQueueNames.Evaluate, Connection = FunctionsApp.StorageConnection)] QueueMessage message, CancellationToken cancellationToken) =>
        invocation.RunAsync(StageQueueNames.Evaluate, message, cancellationToken);
}
