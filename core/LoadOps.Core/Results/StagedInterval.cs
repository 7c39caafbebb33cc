namespace LoadOps.Core.Results;

/// <summary>
/// One interval of an input, checked and waiting to be added: where its sum is (step key and wall-clock start in
/// UTC ticks), its counts, and where its histogram's counts bytes lie in <see cref="StagedInput.Counts"/>.
/// </summary>
internal readonly record struct StagedInterval(
    (string Scenario, string Step, string? Location) Key, long Start, IntervalCounts Counts, int From, int To);
