namespace LoadOps.Cli;

/// <summary>Exit codes users script against (CONTRACTS.md).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Invalid definitions (validate), a failed threshold or a regression (run, compare).</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments, unreadable input, an invalid definition given to run.</summary>
    public const int Usage = 2;

    /// <summary>Not enough evidence to decide, or a run that did not complete.</summary>
    public const int Inconclusive = 3;
}
