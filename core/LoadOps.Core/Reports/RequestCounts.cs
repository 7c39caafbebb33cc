namespace LoadOps.Core.Reports;

/// <summary>What the run sent and what came back, for the line every report shows: finished, failed by kind, dropped of scheduled.</summary>
public sealed record RequestCounts(long Requests, long Failed, long Dropped, long Scheduled, string FailedByKind);
