namespace LoadOps.Runner.Cli;

/// <summary>Exit codes of <c>loadops-runner</c>.</summary>
public static class RunnerExitCodes
{
    /// <summary>The shard ran its whole schedule and its result is written.</summary>
    public const int Complete = 0;

    /// <summary>The result could not be written, or something unexpected broke.</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments, an unusable spec, a missing secret, or a mode not implemented yet.</summary>
    public const int Usage = 2;

    /// <summary>Stopped early (signal or deadline); a partial result is written.</summary>
    public const int Partial = 3;
}
