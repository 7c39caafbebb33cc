namespace LoadOps.Core.Definitions;

/// <summary>
/// <c>engine: jmeter</c> with <c>script: plans/checkout.jmx</c>: another tool runs the load from the team's own plan.
/// <see cref="Script"/> is relative to the definition's folder; <see cref="Plan"/> is the plan's text, filled in when the
/// file has been read (<see cref="Engines.JMeterPlanLoader"/>) so that it travels with every shard and a runner needs no
/// access to the repository.
/// </summary>
public sealed record EngineSpec(EngineKind Kind, string Script)
{
    public SourcePosition At { get; init; }

    /// <summary>Where <c>script:</c> is written, for errors about the file.</summary>
    public SourcePosition ScriptAt { get; init; }

    public string? Plan { get; init; }
}
