using LoadOps.Pipeline;

namespace LoadOps.Cloud.Storage;

/// <summary>
/// The names of every table, blob container and queue, with an optional prefix so that tests (or two deployments
/// sharing one account) never see each other's state.
/// </summary>
public sealed class StorageNames
{
    public StorageNames(string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > 12 || prefix.Any(c => !char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c)) ||
            (prefix.Length > 0 && !char.IsAsciiLetterLower(prefix[0])))
            throw new ArgumentException("A name prefix is 0-12 lowercase letters and digits starting with a letter.", nameof(prefix));
        Prefix = prefix;
    }

    public string Prefix { get; }

    public string RunsTable => Table("runs");
    public string ShardsTable => Table("shards");
    public string DeliveriesTable => Table("deliveries");
    public string BaselinesTable => Table("baselines");
    public string SchedulesTable => Table("schedules");
    public string ApprovalsTable => Table("approvals");
    public string ActiveRunsTable => Table("activeruns");
    public string SpendTable => Table("spend");

    public string ResultsContainer => Prefixed("results");
    public string ReportsContainer => Prefixed("reports");

    public IReadOnlyList<string> Tables => [RunsTable, ShardsTable, DeliveriesTable, BaselinesTable, SchedulesTable, ApprovalsTable, ActiveRunsTable, SpendTable];
    public IReadOnlyList<string> Containers => [ResultsContainer, ReportsContainer];

    /// <summary>The stage queues and their poison queues (shard queues are created on dispatch, per location).</summary>
    public IReadOnlyList<string> Queues =>
        StageQueueNames.Stages.Select(Queue).SelectMany(q => new[] { q, StageQueueNames.PoisonOf(q) }).ToList();

    /// <summary>The queue for a stage name from <see cref="StageQueueNames"/>, with the prefix applied.</summary>
    public string Queue(string stageQueueName)
    {
        ArgumentException.ThrowIfNullOrEmpty(stageQueueName);
        return Prefixed(stageQueueName);
    }

    /// <summary>The shard work queue of a runner location, with the prefix applied.</summary>
    public string ShardQueue(string location) => Prefixed(StageQueueNames.ForShards(location, reserved: Prefix.Length + 1));

    // Table names allow letters and digits only, so the prefix is glued on; container and queue names take a dash.
    private string Table(string name) => Prefix + name;

    private string Prefixed(string name) => Prefix.Length == 0 ? name : $"{Prefix}-{name}";
}
