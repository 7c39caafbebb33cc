namespace LoadOps.Core.Reports;

/// <summary>The run as seen from one runner location; p95 in microseconds, errors as a count.</summary>
public sealed record LocationRow(string Location, long Requests, double Rps, double P95, long Errors)
{
    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;
}
