namespace LoadOps.Core.Templates;

/// <summary>Variables every template may use without extracting them first.</summary>
public static class BuiltInVariables
{
    /// <summary>The virtual user's number within the shard (closed model) or the arrival's sequence number (open model).</summary>
    public const string VirtualUser = "vu";

    /// <summary>The iteration number of this virtual user, from 0.</summary>
    public const string Iteration = "iteration";

    /// <summary>The shard's index in the run, from 0.</summary>
    public const string Shard = "shard";

    /// <summary>Unix time in milliseconds when the request is built.</summary>
    public const string Timestamp = "timestamp";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        VirtualUser, Iteration, Shard, Timestamp,
    };
}
