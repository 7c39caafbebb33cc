namespace LoadOps.Core.Reports;

/// <summary>
/// Failed requests of one step, by the kinds the result file records today (status, timeout, connect, check, other).
/// <see cref="Kinds"/> is the seam for the finer table (status codes, refused/DNS/TLS/reset, the failed check by name,
/// one masked sample message): empty until the result file carries those counts; renderers already show it when set.
/// </summary>
public sealed record StepFailures(string Step, long Requests, long Failed, string ByKind)
{
    public IReadOnlyList<ErrorKindRow> Kinds { get; init; } = [];
}
