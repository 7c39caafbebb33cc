namespace LoadOps.Core.Regression;

/// <summary>
/// Change points of a history series, per metric. <see cref="TooShort"/>: fewer usable runs than a shift can be seen
/// in (<see cref="RunsNeeded"/>); then <see cref="Shifts"/> is empty and means nothing. <see cref="CannotTell"/> also covers a
/// change beyond the tolerance that is not significant yet.
/// </summary>
public sealed record SeriesReport(int Runs, int RunsNeeded, IReadOnlyList<SeriesShift> Shifts, IReadOnlyList<string> Notes)
{
    /// <summary>Metrics with a change beyond the tolerance that the history cannot confirm yet (their notes come first).</summary>
    public int Undecided { get; init; }

    public bool TooShort => Runs < RunsNeeded;

    /// <summary>No verdict: too few runs, or a change the history cannot confirm yet and no confirmed shift for the worse.</summary>
    public bool CannotTell => TooShort || (Undecided > 0 && !HasRegression);

    public bool HasRegression => Shifts.Any(s => s.Worse);
}
