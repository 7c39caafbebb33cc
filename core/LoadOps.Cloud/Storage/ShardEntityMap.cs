using Azure.Data.Tables;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Storage;

/// <summary>Maps <see cref="ShardRecord"/> to a table row: partition = run id, row key = shard id.</summary>
internal static class ShardEntityMap
{
    public static string PartitionKey(string runId) => TableKey.Encode(runId);

    public static string RowKey(string shardId) => TableKey.Encode(shardId);

    public static TableEntity ToEntity(ShardRecord shard) => new(PartitionKey(shard.RunId), RowKey(shard.ShardId))
    {
        [nameof(ShardRecord.RunId)] = shard.RunId,
        [nameof(ShardRecord.ShardId)] = shard.ShardId,
        [nameof(ShardRecord.Index)] = shard.Index,
        [nameof(ShardRecord.Location)] = shard.Location,
        [nameof(ShardRecord.Status)] = shard.Status.ToString(),
        [nameof(ShardRecord.StatusReason)] = shard.StatusReason,
        [nameof(ShardRecord.LaunchedAt)] = shard.LaunchedAt,
        [nameof(ShardRecord.FinishedAt)] = shard.FinishedAt,
        [nameof(ShardRecord.ResultBlobName)] = shard.ResultBlobName,
        [nameof(ShardRecord.LauncherHandle)] = shard.LauncherHandle,
        [nameof(ShardRecord.TeardownPending)] = shard.TeardownPending,
        [nameof(ShardRecord.TornDownAt)] = shard.TornDownAt,
        [nameof(ShardRecord.CountedOnRun)] = shard.CountedOnRun,
    };

    public static ShardRecord FromEntity(TableEntity entity) => new()
    {
        RunId = entity.GetString(nameof(ShardRecord.RunId)),
        ShardId = entity.GetString(nameof(ShardRecord.ShardId)),
        Index = entity.GetInt32(nameof(ShardRecord.Index)) ?? 0,
        Location = entity.GetString(nameof(ShardRecord.Location)),
        Status = ParseStatus(entity),
        StatusReason = entity.GetString(nameof(ShardRecord.StatusReason)),
        LaunchedAt = entity.GetDateTimeOffset(nameof(ShardRecord.LaunchedAt)),
        FinishedAt = entity.GetDateTimeOffset(nameof(ShardRecord.FinishedAt)),
        ResultBlobName = entity.GetString(nameof(ShardRecord.ResultBlobName)),
        LauncherHandle = entity.GetString(nameof(ShardRecord.LauncherHandle)),
        TeardownPending = entity.GetBoolean(nameof(ShardRecord.TeardownPending)) ?? false,
        TornDownAt = entity.GetDateTimeOffset(nameof(ShardRecord.TornDownAt)),
        CountedOnRun = entity.GetBoolean(nameof(ShardRecord.CountedOnRun)) ?? false,
    };

    public static ShardStatus ParseStatus(TableEntity entity) =>
        Enum.Parse<ShardStatus>(entity.GetString(nameof(ShardRecord.Status)));
}
