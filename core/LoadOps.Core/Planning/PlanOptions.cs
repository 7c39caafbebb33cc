namespace LoadOps.Core.Planning;

/// <summary>Timing choices of the planner.</summary>
public sealed record PlanOptions
{
    /// <summary>Time from planning to the common start, so that every runner can be up before the load begins.</summary>
    public TimeSpan StartDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Time after the scheduled end within which a shard must have reported before it counts as missing.</summary>
    public TimeSpan ReportGrace { get; init; } = TimeSpan.FromMinutes(2);

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan DefaultSnapshotUploadInterval = TimeSpan.FromSeconds(30);

    /// <summary>How often pipeline runners upload their interim snapshot (<see cref="ShardSpec.SnapshotUploadInterval"/>).</summary>
    public TimeSpan SnapshotUploadInterval { get; init; } = DefaultSnapshotUploadInterval;

    /// <summary>The most runners each location can hold at once (<see cref="QuotaCheck"/>); empty: no limit is known.</summary>
    public IReadOnlyList<LocationQuota> Quotas { get; init; } = [];
}
