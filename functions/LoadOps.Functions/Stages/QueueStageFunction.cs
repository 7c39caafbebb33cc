using LoadOps.Cloud.Pipeline;
using LoadOps.Core.Pipeline;
using LoadOps.Functions.Hosting;
using LoadOps.Functions.Protocol;

namespace LoadOps.Functions.Stages;

/// <summary>
/// A queue-triggered stage: binds the <c>message</c> trigger value to <typeparamref name="TMessage"/>, calls the stage,
/// and enqueues the stage's next messages through the stage queues in code (no output bindings, so the local host and
/// the Functions host send exactly the same messages). An unreadable message is a <see cref="FunctionFailure"/>: the
/// host retries it and then moves it to the poison queue.
/// </summary>
public abstract class QueueStageFunction<TMessage>(StageSender sender) : IFunction
    where TMessage : class
{
    public const string TriggerBinding = "message";

    public abstract string Name { get; }

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Data.TryGetValue(TriggerBinding, out var data))
            throw new FunctionFailure($"{Name}: the invocation has no '{TriggerBinding}' trigger value; check function.json.");
        if (!QueueMessageReader.TryRead<TMessage>(data, out var message, out var problem))
            throw new FunctionFailure($"{Name}: {problem}");

        var outcome = await HandleAsync(message!, cancellationToken);
        await sender.SendAsync(outcome, cancellationToken);
        return new InvocationResponse { Logs = [outcome.Note] };
    }

    protected abstract Task<StageOutcome> HandleAsync(TMessage message, CancellationToken cancellationToken);
}
