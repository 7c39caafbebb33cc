namespace LoadOps.Cloud.Ecs;

/// <summary>ECS answered with an error, e.g. <c>ClientException</c>, <c>AccessDeniedException</c>, <c>ClusterNotFoundException</c>.</summary>
public sealed class EcsException(string errorType, string message, int statusCode)
    : Exception($"ECS {errorType} ({statusCode}): {message}")
{
    public string ErrorType { get; } = errorType;
    public int StatusCode { get; } = statusCode;

    /// <summary>Throttling and server faults are worth another try; client errors are not.</summary>
    public bool IsTransient =>
        StatusCode is 429 or >= 500 || ErrorType.Contains("Throttling", StringComparison.Ordinal) ||
        ErrorType.Contains("ServerException", StringComparison.Ordinal);
}
