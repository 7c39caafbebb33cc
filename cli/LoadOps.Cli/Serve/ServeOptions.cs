namespace LoadOps.Cli.Serve;

/// <summary>What <c>loadops serve</c> was asked to do.</summary>
internal sealed record ServeOptions(string Storage, string Repository, string OutDirectory)
{
    /// <summary>The storage name prefix (tables, containers, queues); empty in normal use, set by tests to isolate themselves.</summary>
    public string NamePrefix { get; init; } = "";

    public const string DefaultListen = "http://127.0.0.1:7071";

    /// <summary>
    /// Where the webhook and the run API listen (<c>http://HOST:PORT</c>, port 0 = any free one); null: no HTTP endpoint.
    /// The command defaults it to <see cref="DefaultListen"/>; hosts built in code (tests) listen only when they ask.
    /// </summary>
    public string? Listen { get; init; }

    /// <summary>
    /// The app settings (<see cref="ServeSettings"/>): webhook secret, API tokens, GitHub, pools, Slack secrets. The command
    /// passes the process environment; hosts built in code (tests) pass only what they set.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Time between planning a run and its common start, for the runner processes to start.</summary>
    public TimeSpan StartDelay { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// <c>--lease</c>: how long a stage message this serve took stays hidden from other serves (renewed while it works on
    /// it), and so how long the messages of a serve that died wait before another one, or a restarted one, takes them.
    /// </summary>
    public TimeSpan Lease { get; init; } = DefaultLease;

    public static readonly TimeSpan DefaultLease = TimeSpan.FromSeconds(30);

    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the schedules are registered from the repository and checked for due ticks.</summary>
    public TimeSpan ScheduleInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary><c>--watch-repo</c>: the git repository whose new commits start runs and whose definitions are read at those commits; null when not watching.</summary>
    public string? WatchRepository { get; init; }

    /// <summary>How often the watched repository is polled for new commits.</summary>
    public TimeSpan WatchInterval { get; init; } = TimeSpan.FromSeconds(2);
}
