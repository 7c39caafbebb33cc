namespace LoadOps.Cli.Serve;

/// <summary>
/// What <c>{shard folder}/process.json</c> says about a local runner: written (create-only) as the claim to start the
/// shard's runner, then with the process id and start time once it runs, so a restarted <c>serve</c> can find the
/// process again, tell it from a later process that reused its id, and stop it at the deadline.
/// </summary>
internal sealed record LocalRunnerRecord(string RunId, string ShardId, DateTimeOffset? Deadline, DateTimeOffset ClaimedAt)
{
    public int? Pid { get; init; }

    /// <summary>The process's start time as the system reports it (UTC).</summary>
    public DateTimeOffset? StartedAt { get; init; }
}
