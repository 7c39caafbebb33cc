using LoadOps.Core.Results;

namespace LoadOps.Core.Regression;

/// <summary>One run of a history series (e.g. the nightly runs on main): who it is, when it ran, and its numbers.</summary>
public sealed record SeriesRun(string RunId, string? Commit, DateTimeOffset Start, ResultSummary Summary);
