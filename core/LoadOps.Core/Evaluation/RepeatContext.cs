using LoadOps.Core.Results;

namespace LoadOps.Core.Evaluation;

/// <summary>
/// A candidate measured more than once (<c>baseline.repeat</c>): the earlier runs of the same code, oldest first, and this
/// look's number out of at most <see cref="Looks"/>. The evaluation pools them with the current run.
/// </summary>
public sealed record RepeatContext(IReadOnlyList<ResultSummary> Earlier, int Look, int Looks)
{
    public IReadOnlyList<RepeatRun> History { get; init; } = [];
}
