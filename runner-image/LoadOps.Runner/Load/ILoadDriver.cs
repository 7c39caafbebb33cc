namespace LoadOps.Runner.Load;

/// <summary>Issues a shard's load (open or closed model) until its schedule ends or it is told to stop.</summary>
internal interface ILoadDriver
{
    /// <summary>
    /// Runs the schedule. <paramref name="stop"/> ends issuing (in-flight requests finish);
    /// <paramref name="abort"/> tears in-flight requests down. True when the whole schedule ran.
    /// </summary>
    Task<bool> RunAsync(CancellationToken stop, CancellationToken abort);
}
