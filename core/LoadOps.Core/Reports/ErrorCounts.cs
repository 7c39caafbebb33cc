namespace LoadOps.Core.Reports;

/// <summary>Failed requests of one interval by kind.</summary>
public sealed record ErrorCounts(long Status = 0, long Timeout = 0, long Connect = 0, long Check = 0, long Other = 0)
{
    public static readonly ErrorCounts None = new();

    public long Total => Status + Timeout + Connect + Check + Other;
}
