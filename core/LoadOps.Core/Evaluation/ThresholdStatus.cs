namespace LoadOps.Core.Evaluation;

public enum ThresholdStatus
{
    Pass,
    Fail,

    /// <summary>The metric could not be measured (no such step, no request finished); counts as a failure.</summary>
    NoData,
}
