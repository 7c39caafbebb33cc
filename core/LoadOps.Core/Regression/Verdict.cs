namespace LoadOps.Core.Regression;

public enum Verdict
{
    /// <summary>No change beyond the tolerance.</summary>
    Pass,

    /// <summary>Worse by more than the tolerance, and significantly so.</summary>
    Regression,

    /// <summary>Better by more than the tolerance, and significantly so.</summary>
    Improvement,

    /// <summary>Not enough evidence either way: too little history, too much noise, or a run that cannot be trusted.</summary>
    Inconclusive,
}
