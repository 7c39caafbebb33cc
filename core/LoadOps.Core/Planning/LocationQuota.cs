namespace LoadOps.Core.Planning;

/// <summary>
/// The most runners one location can hold at once, as the host is configured (<c>LoadOps:Quotas</c>): the ECS tasks
/// the account may run in a region, the container groups ACI allows per region, a pool's machines. <see cref="Location"/>
/// is a location (<c>aws/us-east-1</c>) or every location of a kind (<c>azure/*</c>); an exact one wins.
/// </summary>
public sealed record LocationQuota
{
    public const string SectionName = "LoadOps:Quotas";

    public string Location { get; init; } = "";

    public int MaxShards { get; init; }

    /// <summary>Where the figure comes from, named in the message (e.g. "the subscription's ACI quota in westeurope").</summary>
    public string? Source { get; init; }
}
