namespace LoadOps.Core.Scheduling;

/// <summary>
/// A schedule that fell due at <see cref="DueAt"/>. <see cref="Missed"/> counts earlier occurrences in the same window
/// that were folded into this one: after an outage a nightly test runs once, not once per missed night.
/// </summary>
public sealed record DueOccurrence(ScheduleEntry Schedule, DateTimeOffset DueAt, int Missed);
