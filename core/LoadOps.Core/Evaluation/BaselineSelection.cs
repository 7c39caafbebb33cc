using LoadOps.Core.Results;

namespace LoadOps.Core.Evaluation;

/// <summary>The runs a candidate is compared with, newest first; <see cref="Level"/> names where a new level began; notes say what was left out and why.</summary>
public sealed record BaselineSelection(IReadOnlyList<(ResultFile Run, ResultSummary Summary)> Runs, string? Level, IReadOnlyList<string> Notes);
