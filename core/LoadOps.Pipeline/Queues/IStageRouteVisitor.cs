namespace LoadOps.Pipeline;

/// <summary>What a host does with one route once it knows the route's message type.</summary>
public interface IStageRouteVisitor<TResult>
{
    Task<TResult> VisitAsync<T>(StageRoute<T> route, CancellationToken cancellationToken)
        where T : class;
}
