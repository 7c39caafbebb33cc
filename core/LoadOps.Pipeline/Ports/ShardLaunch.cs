namespace LoadOps.Pipeline;

/// <summary>What a launch did: started (with the handle to find the runner again) or refused, with the reason.</summary>
public sealed record ShardLaunch(bool Started, string Detail)
{
    /// <summary>The handle dispatch records before a launch (<c>launching:{location}</c>), so a runner started by a dispatch that dies before recording its real handle is still looked for.</summary>
    public const string LaunchingPrefix = "launching:";

    /// <summary>
    /// The runner holds cloud resources (a container group, a task) that the runner sweep must delete or stop once the
    /// shard or its run has ended; <see cref="Detail"/> is then the handle the sweep gives back to the launcher.
    /// </summary>
    public bool NeedsTeardown { get; init; }

    public static ShardLaunch Running(string handle) => new(true, handle);

    /// <summary>Started on cloud resources the runner sweep tears down later.</summary>
    public static ShardLaunch Cloud(string handle) => new(true, handle) { NeedsTeardown = true };

    public static ShardLaunch Refused(string reason) => new(false, reason);
}
