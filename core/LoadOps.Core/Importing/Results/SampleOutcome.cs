namespace LoadOps.Core.Importing.Results;

/// <summary>How one imported request ended, in the failure kinds of a result file (<see cref="LoadOps.Core.Results.FailureCounts"/>).</summary>
public enum SampleOutcome
{
    Ok,
    Status,
    Timeout,
    Connect,
    Check,
    Other,
}
