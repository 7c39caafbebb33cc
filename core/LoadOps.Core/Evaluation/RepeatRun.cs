namespace LoadOps.Core.Evaluation;

/// <summary>One run of a repeated candidate: its id, its look (1-based) and the pooled verdict after it.</summary>
public sealed record RepeatRun(string RunId, int Look, RunVerdict VerdictAfter, string HeadlineAfter);
