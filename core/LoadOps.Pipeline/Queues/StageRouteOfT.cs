using LoadOps.Core.Pipeline;

namespace LoadOps.Pipeline;

/// <summary>A route for messages of type <typeparamref name="T"/>, on the queue <see cref="PipelineQueues"/> gives it.</summary>
public sealed class StageRoute<T>(Func<T, CancellationToken, Task<StageOutcome>> handle) : StageRoute(PipelineQueues.QueueOf<T>(), typeof(T))
    where T : class
{
    public Func<T, CancellationToken, Task<StageOutcome>> Handle { get; } = handle ?? throw new ArgumentNullException(nameof(handle));

    public override Task<TResult> AcceptAsync<TResult>(IStageRouteVisitor<TResult> visitor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.VisitAsync(this, cancellationToken);
    }

    public override Task<StageOutcome> HandleAsync(object message, CancellationToken cancellationToken) =>
        message is T typed
            ? Handle(typed, cancellationToken)
            : throw new ArgumentException($"The {Queue} stage takes {typeof(T).Name}, not {message?.GetType().Name ?? "null"}.", nameof(message));
}
