namespace LoadOps.Cloud.Aci;

/// <summary>A runner container group as ARM reports it.</summary>
/// <param name="ProvisioningState">Pending, Creating, Succeeded, Failed, ... (or NotFound when ARM does not know it).</param>
/// <param name="State">The group's instance state: Pending, Running, Succeeded, Failed, Stopped; null before it starts.</param>
/// <param name="ExitCode">The runner container's exit code once it terminated.</param>
public sealed record AciGroupState(string ResourceId, string ProvisioningState, string? State, int? ExitCode, string? Detail)
{
    public bool Exists => ProvisioningState != "NotFound";

    /// <summary>The runner is no longer running (or never will): the group only costs clutter now and can go.</summary>
    public bool IsFinished => !Exists || ProvisioningState == "Failed" || State is "Succeeded" or "Failed" or "Stopped";

    public bool Succeeded => State == "Succeeded" && ExitCode is null or 0;
}
