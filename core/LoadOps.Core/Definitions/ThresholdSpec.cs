namespace LoadOps.Core.Definitions;

/// <summary>An absolute pass/fail gate, on the whole run or on one step.</summary>
public sealed record ThresholdSpec(string? Step, ThresholdExpression Expression, string Text)
{
    public SourcePosition At { get; init; }
}
