using Azure.Storage.Queues.Models;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Functions.Hosting;
using LoadOps.Pipeline;
using Microsoft.Azure.Functions.Worker;

namespace LoadOps.Functions.Stages;

/// <summary>Queue trigger on <see cref="StageQueueNames.Validate"/>: a run request (webhook, API, schedule); hands the <see cref="RunRequest"/> to the validate stage.</summary>
public sealed class ValidateFunction(StageInvocation invocation)
{
    public const string Name = "validate";

    [Function(Name)]
    public Task RunAsync([QueueTrigger(StageQueueNames.Validate, Connection = FunctionsApp.StorageConnection)] QueueMessage message, CancellationToken cancellationToken) =>
        invocation.RunAsync(StageQueueNames.Validate, message, cancellationToken);
}
