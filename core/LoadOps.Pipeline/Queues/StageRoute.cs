using LoadOps.Core.Pipeline;

namespace LoadOps.Pipeline;

/// <summary>
/// One stage queue, the message type on it and the stage that handles it. Hosts drive the stages by walking
/// <see cref="PipelineStages.Routes"/>; a host that must decode messages as their type (a queue pump) visits each
/// route through <see cref="AcceptAsync{TResult}"/> and gets it back typed.
/// </summary>
public abstract class StageRoute
{
    private protected StageRoute(string queue, Type messageType)
    {
        Queue = queue;
        MessageType = messageType;
    }

    public string Queue { get; }
    public Type MessageType { get; }

    /// <summary>Calls <paramref name="visitor"/> with this route typed by its message.</summary>
    public abstract Task<TResult> AcceptAsync<TResult>(IStageRouteVisitor<TResult> visitor, CancellationToken cancellationToken);

    /// <summary>Hands a decoded message to the stage; it must be of <see cref="MessageType"/>.</summary>
    public abstract Task<StageOutcome> HandleAsync(object message, CancellationToken cancellationToken);
}

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

/// <summary>What a host does with one route once it knows the route's message type.</summary>
public interface IStageRouteVisitor<TResult>
{
    Task<TResult> VisitAsync<T>(StageRoute<T> route, CancellationToken cancellationToken)
        where T : class;
}
