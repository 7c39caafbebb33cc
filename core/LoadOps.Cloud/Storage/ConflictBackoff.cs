namespace LoadOps.Cloud.Storage;

/// <summary>
/// The bounded retry of optimistic-concurrency updates: read with the ETag, write with If-Match, and on
/// 412 (someone else wrote first) wait a short jittered moment and start over from a fresh read.
/// </summary>
internal static class ConflictBackoff
{
    /// <summary>Attempts before giving up; far above what 2 cores and a handful of workers ever need.</summary>
    public const int MaxAttempts = 30;

    public const int PreconditionFailed = 412;
    public const int Conflict = 409;
    public const int NotFound = 404;

    public static Task DelayAsync(int attempt, TimeProvider clock, CancellationToken cancellationToken)
    {
        var ceilingMs = Math.Min(5 * (attempt + 1), 100);
        return Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, ceilingMs)), clock, cancellationToken);
    }

    public static InvalidOperationException GaveUp(string what) =>
        new($"{what} was changed concurrently {MaxAttempts} times in a row; giving up (the message will be retried).");
}
