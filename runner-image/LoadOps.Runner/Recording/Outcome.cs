namespace LoadOps.Runner.Recording;

/// <summary>How one request ended; every kind but <see cref="Ok"/> is a failure of that kind in the result.</summary>
internal enum Outcome
{
    Ok,
    Status,
    Timeout,
    Connect,
    Check,
    Other,
}
