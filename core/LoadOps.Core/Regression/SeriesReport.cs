namespace LoadOps.Core.Regression;

/// <summary>
/// Change points of a history series, per metric. <see cref="TooShort"/>: fewer usable runs than a shift can be seen
/// in (<see cref="RunsNeeded"/>); then <see cref="Shifts"/> is empty and means nothing.
/// </summary>
public sealed record SeriesReport(int Runs, int RunsNeeded, IReadOnlyList<SeriesShift> Shifts, IReadOnlyList<string> Notes)
{
    public bool TooShort => Runs < RunsNeeded;

    public bool HasRegression => Shifts.Any(s => s.Worse);
}
