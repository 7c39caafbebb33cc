namespace LoadOps.Cli.Serve;

/// <summary>What storage throws when it cannot be reached: one failed request, or the SDK's retries all failing.</summary>
internal static class StorageFailure
{
    public static bool IsUnreachable(Exception exception) =>
        exception is Azure.RequestFailedException
        || (exception is AggregateException all && all.InnerExceptions.Count > 0 && all.InnerExceptions.All(inner => inner is Azure.RequestFailedException));
}
