namespace LoadOps.Core.Reports;

/// <summary>
/// Failed requests of one step: <see cref="ByKind"/> in the coarse classes (status, timeout, connect, check, other), and
/// <see cref="Kinds"/> the finer table (<see cref="FailureKinds"/>: refused, dns, tls, reset, the refused status codes,
/// the failed check by name, one masked sample message each); empty for result files made before the runner kept it.
/// </summary>
public sealed record StepFailures(string Step, long Requests, long Failed, string ByKind)
{
    public IReadOnlyList<ErrorKindRow> Kinds { get; init; } = [];
}
