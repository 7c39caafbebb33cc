namespace LoadOps.Core.Evaluation;

/// <summary>The one answer a run gives its release gate. Exit codes: Pass/Improvement 0, Fail/Regression 1, Inconclusive 3.</summary>
public enum RunVerdict
{
    Pass,

    /// <summary>An absolute threshold failed (or could not be measured).</summary>
    Fail,

    /// <summary>Thresholds held, but a metric got significantly worse than the baseline.</summary>
    Regression,

    /// <summary>Thresholds held and something got significantly better, nothing worse.</summary>
    Improvement,

    /// <summary>No decision: too little history, too much noise, or numbers that cannot be trusted.</summary>
    Inconclusive,
}
