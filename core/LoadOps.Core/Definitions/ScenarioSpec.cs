namespace LoadOps.Core.Definitions;

/// <summary>A sequence of steps; each iteration picks one scenario by weight.</summary>
public sealed record ScenarioSpec(string Name, double Weight, IReadOnlyList<StepSpec> Steps)
{
    public SourcePosition At { get; init; }
}
