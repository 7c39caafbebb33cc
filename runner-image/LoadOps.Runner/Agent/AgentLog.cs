using Microsoft.Extensions.Logging;

namespace LoadOps.Runner.Agent;

/// <summary>What pool agents and work-item runners log. Shard ids, folders and counts only: never a grant or a SAS.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "agent for pool '{Pool}' polling {Queue}; work directory {WorkDirectory}")]
    public static partial void Started(ILogger logger, string pool, string queue, string workDirectory);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "taking one shard from {Queue}")]
    public static partial void TakingOne(ILogger logger, string queue);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "{Reason}")]
    public static partial void QueueRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "{Reason} Retrying in {Seconds} s.")]
    public static partial void QueueRetrying(ILogger logger, string reason, int seconds);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "drained: no more work is taken; stopping")]
    public static partial void Drained(ILogger logger);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "stopped before a shard arrived")]
    public static partial void StoppedBeforeShard(ILogger logger);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "no shard arrived within {Seconds} s; nothing to do")]
    public static partial void NoShardArrived(ILogger logger, int seconds);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "work item {ItemId} is not a LoadOps work item (or names an unusable shard id); deleting it, no agent could run it")]
    public static partial void NotAWorkItem(ILogger logger, string itemId);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "{ShardId}: {Why}; settling the item without running")]
    public static partial void SettledWithoutRunning(ILogger logger, string shardId, string why);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "{ShardId}: received (delivery {Delivery}); running")]
    public static partial void Received(ILogger logger, string shardId, long delivery);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Error, Message = "{ShardId}: cannot run: {Problem}")]
    public static partial void CannotRun(ILogger logger, string shardId, string problem);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "{ShardId}: dropped after {Deliveries} deliveries")]
    public static partial void DroppedItem(ILogger logger, string shardId, long deliveries);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Information, Message = "{ShardId}: handed back for another agent")]
    public static partial void HandedBack(ILogger logger, string shardId);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Warning, Message = "settling work item {ItemId}: {Reason}")]
    public static partial void SettleFailed(ILogger logger, string itemId, string reason);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Information, Message = "{ShardId}: running")]
    public static partial void Running(ILogger logger, string shardId);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Warning, Message = "{Folder}: no result was written; nothing to upload (the shard goes missing at the deadline)")]
    public static partial void NoResult(ILogger logger, string folder);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Error, Message = "{Folder}: its work item or result cannot be read ({Reason}); moved to {Damaged}, not reported")]
    public static partial void Damaged(ILogger logger, string folder, string reason, string damaged);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Information, Message = "{ShardId}: an interrupted shard's last snapshot is reported as partial")]
    public static partial void InterruptedReportedPartial(ILogger logger, string shardId);

    [LoggerMessage(EventId = 3023, Level = LogLevel.Information, Message = "{ShardId}: result uploaded ({Status}) and ShardDone sent")]
    public static partial void Reported(ILogger logger, string shardId, string status);

    [LoggerMessage(EventId = 3024, Level = LogLevel.Error, Message = "{ShardId}: the grants expired at {ExpiresOn:O} before the result could be reported; it is kept in {Kept}")]
    public static partial void Expired(ILogger logger, string shardId, DateTimeOffset expiresOn, string kept);

    [LoggerMessage(EventId = 3025, Level = LogLevel.Error, Message = "{ShardId}: could not {What} ({Why}) and the grants expire at {ExpiresOn:O}; giving up")]
    public static partial void GivingUp(ILogger logger, string shardId, string what, string why, DateTimeOffset expiresOn);

    [LoggerMessage(EventId = 3026, Level = LogLevel.Warning, Message = "{ShardId}: could not {What} (attempt {Attempt}: {Why}); retrying in {Seconds} s")]
    public static partial void ReportRetrying(ILogger logger, string shardId, string what, int attempt, string why, int seconds);

    [LoggerMessage(EventId = 3030, Level = LogLevel.Warning, Message = "heartbeat: {Reason} Carrying on; the result is still uploaded and reported.")]
    public static partial void LockLost(ILogger logger, string reason);

    [LoggerMessage(EventId = 3031, Level = LogLevel.Warning, Message = "heartbeat: {Reason} Retrying at the next beat.")]
    public static partial void HeartbeatRetrying(ILogger logger, string reason);

    [LoggerMessage(EventId = 3040, Level = LogLevel.Warning, Message = "{ShardId}: the interim snapshot was not uploaded ({Why}); the shard carries on and tries again in {Seconds} s")]
    public static partial void InterimUploadFailed(ILogger logger, string shardId, string why, int seconds);
}
