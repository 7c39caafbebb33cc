using Azure.Storage.Queues.Models;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Functions.Hosting;
using LoadOps.Pipeline;
using Microsoft.Azure.Functions.Worker;

namespace LoadOps.Functions.Stages;

/// <summary>Queue trigger on <see cref="StageQueueNames.Plan"/>: a validated run; hands the <see cref="PlanRun"/> to the plan stage.</summary>
public sealed class PlanFunction(StageInvocation invocation)
{
    public const string Name = "plan";

    [Function(Name)]
    public Task RunAsync([QueueTrigger(StageQueueNames.Plan, Connection = FunctionsApp.StorageConnection)] QueueMessage message, CancellationToken cancellationToken) =>
        invocation.RunAsync(StageQueueNames.Plan, message, cancellationToken);
}
