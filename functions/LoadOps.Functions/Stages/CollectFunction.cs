using Azure.Storage.Queues.Models;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Functions.Hosting;
using LoadOps.Pipeline;
using Microsoft.Azure.Functions.Worker;

namespace LoadOps.Functions.Stages;

/// <summary>Queue trigger on <see cref="StageQueueNames.Collect"/>: a shard finished; hands the <see cref="ShardDone"/> to the collect stage.</summary>
public sealed class CollectFunction(StageInvocation invocation)
{
    public const string Name = "collect";

    [Function(Name)]
    public Task RunAsync([QueueTrigger(StageQueueNames.Collect, Connection = FunctionsApp.StorageConnection)] QueueMessage message, CancellationToken cancellationToken) =>
        invocation.RunAsync(StageQueueNames.Collect, message, cancellationToken);
}
