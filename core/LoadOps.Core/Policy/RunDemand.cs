using LoadOps.Core.Definitions;

namespace LoadOps.Core.Policy;

/// <summary>What one run takes from its repository's concurrent caps at its peak: arrival rate, users and runners.</summary>
public sealed record RunDemand(double Rate, int Users, int Runners)
{
    public static RunDemand Zero { get; } = new(0, 0, 0);

    public static RunDemand Of(LoadTestDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var peak = definition.Load.PeakTarget;
        return definition.Load.Model == LoadModel.Open
            ? new RunDemand(peak, 0, definition.TotalRunnerCount)
            : new RunDemand(0, (int)Math.Ceiling(peak), definition.TotalRunnerCount);
    }

    public RunDemand Plus(RunDemand other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new RunDemand(Rate + other.Rate, Users + other.Users, Runners + other.Runners);
    }
}
