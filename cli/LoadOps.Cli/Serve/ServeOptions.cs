using LoadOps.Cloud.Pools;

namespace LoadOps.Cli.Serve;

/// <summary>What <c>loadops serve</c> was asked to do.</summary>
internal sealed record ServeOptions(string Storage, string Repository, string OutDirectory)
{
    /// <summary>The storage name prefix (tables, containers, queues); empty in normal use, set by tests to isolate themselves.</summary>
    public string NamePrefix { get; init; } = "";

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>BYO runner pools (<c>LoadOps__Pools__NAME__Transport</c>… in the environment); a pool not listed uses a Storage queue.</summary>
    public IReadOnlyDictionary<string, PoolOptions> Pools { get; init; } = new Dictionary<string, PoolOptions>();

    /// <summary>How often the schedules are registered from the repository and checked for due ticks.</summary>
    public TimeSpan ScheduleInterval { get; init; } = TimeSpan.FromSeconds(20);
}
