using LoadOps.Core.Results;

namespace LoadOps.Core.Evaluation;

/// <summary>An earlier run on the baseline branch as baseline selection sees it: its numbers, how it was judged (null: not recorded) and whether someone accepted its level.</summary>
public sealed record HistoryRun(ResultFile Run, ResultSummary Summary, RunVerdict? Verdict, bool Accepted);
