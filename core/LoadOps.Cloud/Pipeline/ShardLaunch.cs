namespace LoadOps.Cloud.Pipeline;

/// <summary>What a launch did: started (with the handle to find the runner again) or refused, with the reason.</summary>
public sealed record ShardLaunch(bool Started, string Detail)
{
    public static ShardLaunch Running(string handle) => new(true, handle);

    public static ShardLaunch Refused(string reason) => new(false, reason);
}
