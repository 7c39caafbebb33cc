namespace LoadOps.Cloud.Api;

/// <summary>Where a run ended, as a gate needs it: one value per exit code of <c>loadops gate</c>.</summary>
public enum RunOutcome
{
    /// <summary>Not finished yet.</summary>
    Pending,

    /// <summary>Verdict pass or improvement.</summary>
    Pass,

    /// <summary>Verdict fail (a threshold) or regression.</summary>
    Fail,

    /// <summary>Verdict inconclusive: too little history, too much noise, or untrustworthy numbers.</summary>
    Inconclusive,

    /// <summary>The run failed or timed out in the pipeline without a verdict (runners missing, no launcher...).</summary>
    Incomplete,

    /// <summary>The definition is invalid, or no definition has the test name asked for.</summary>
    Invalid,
}
