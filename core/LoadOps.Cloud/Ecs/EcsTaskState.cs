namespace LoadOps.Cloud.Ecs;

/// <summary>A runner task as DescribeTasks reports it.</summary>
public sealed record EcsTaskState(string TaskArn, string LastStatus, string? StopCode, string? StoppedReason, int? ExitCode)
{
    public bool IsStopped => LastStatus == "STOPPED";

    /// <summary>Stopped with exit code 0: the runner finished its shard.</summary>
    public bool Succeeded => IsStopped && ExitCode == 0;
}
