using LoadOps.Core.Definitions;

namespace LoadOps.Core.Evaluation;

/// <summary>One threshold judged on a run: the measured value (null without data), the limit and a sentence saying why.</summary>
public sealed record ThresholdOutcome(ThresholdSpec Threshold, ThresholdStatus Status, double? Actual, string Message)
{
    public double Limit => Threshold.Expression.Value;

    public bool Passed => Status == ThresholdStatus.Pass;
}
