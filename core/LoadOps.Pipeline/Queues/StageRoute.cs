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
