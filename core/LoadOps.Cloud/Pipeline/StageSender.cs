using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Pipeline;

/// <summary>Sends a stage's next messages, each onto the queue of the stage that handles it.</summary>
public sealed class StageSender(StorageClients clients) : IStageBus
{
    private readonly Dictionary<string, StageQueue> _queues = StageQueueNames.Stages
        .ToDictionary(name => name, name => new StageQueue(clients, clients.Names.Queue(name)));

    public IStageQueue QueueFor(string stageQueueName) => _queues[stageQueueName];

    public Task SendAsync(object message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _queues[PipelineQueues.QueueOf(message)].SendAsync(message, cancellationToken);
    }
}
