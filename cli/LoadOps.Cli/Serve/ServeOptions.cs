namespace LoadOps.Cli.Serve;

/// <summary>What <c>loadops serve</c> was asked to do.</summary>
internal sealed record ServeOptions(string Storage, string Repository, string OutDirectory)
{
    /// <summary>The storage name prefix (tables, containers, queues); empty in normal use, set by tests to isolate themselves.</summary>
    public string NamePrefix { get; init; } = "";

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the schedules are registered from the repository and checked for due ticks.</summary>
    public TimeSpan ScheduleInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary><c>--watch-repo</c>: the git repository whose new commits start runs and whose definitions are read at those commits; null when not watching.</summary>
    public string? WatchRepository { get; init; }

    /// <summary>How often the watched repository is polled for new commits.</summary>
    public TimeSpan WatchInterval { get; init; } = TimeSpan.FromSeconds(2);
}
