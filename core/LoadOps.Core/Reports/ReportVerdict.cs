namespace LoadOps.Core.Reports;

/// <summary>The outcome of a run, or of one metric row.</summary>
public enum ReportVerdict
{
    /// <summary>Thresholds met and no significant change against the baseline.</summary>
    Pass,

    /// <summary>An absolute threshold failed.</summary>
    Fail,

    /// <summary>Significantly worse than the baseline, beyond the tolerance.</summary>
    Regression,

    /// <summary>Significantly better than the baseline.</summary>
    Improvement,

    /// <summary>Not enough data (or baseline runs) to decide.</summary>
    Inconclusive,
}
