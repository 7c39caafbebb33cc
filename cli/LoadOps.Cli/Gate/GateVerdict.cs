using LoadOps.Cloud.Api;

namespace LoadOps.Cli.Gate;

/// <summary>
/// The gate's one answer over the runs it waited for, with the exit code of <c>loadops run</c>: any failing run fails
/// the gate (1); else an invalid definition is exit 2; else anything short of a pass (inconclusive, incomplete, not
/// finished in time) is 3; only all-pass is 0. <see cref="Deciding"/> is the run that gave the answer.
/// </summary>
internal sealed record GateVerdict(int ExitCode, string Word, RunView? Deciding)
{
    public static GateVerdict Decide(IReadOnlyList<RunView> runs, bool finished)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (!finished || runs.Count == 0)
            return new(ExitCodes.Inconclusive, "inconclusive", runs.FirstOrDefault(r => !r.Finished) ?? runs.FirstOrDefault());
        if (runs.FirstOrDefault(r => r.Outcome == RunOutcome.Fail) is { } failed)
            return new(ExitCodes.Failed, "fail", failed);
        if (runs.FirstOrDefault(r => r.Outcome == RunOutcome.Invalid) is { } invalid)
            return new(ExitCodes.Usage, "invalid", invalid);
        if (runs.FirstOrDefault(r => r.Outcome != RunOutcome.Pass) is { } undecided)
            return new(ExitCodes.Inconclusive, "inconclusive", undecided);
        return new(ExitCodes.Ok, "pass", runs[0]);
    }
}
