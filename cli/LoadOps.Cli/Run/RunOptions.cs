namespace LoadOps.Cli.Run;

/// <summary>What <c>loadops run</c> was asked to do.</summary>
internal sealed record RunOptions(string File)
{
    /// <summary>Where result.json, evaluation.json and the reports go; default <c>loadops-out/{test}/{runId}</c>.</summary>
    public string? OutDirectory { get; init; }

    /// <summary>Run this many local runners instead of the definition's locations.</summary>
    public int? Runners { get; init; }

    /// <summary>Send the load here instead of the definition's baseUrl (still checked against the policy).</summary>
    public string? Target { get; init; }

    public string? Branch { get; init; }
    public string? Commit { get; init; }
    public string? HistoryDirectory { get; init; }
    public string? PolicyFile { get; init; }

    /// <summary>Open model: scale the stages so the peak is this many arrivals per second.</summary>
    public double? Rate { get; init; }

    /// <summary>Closed model: scale the stages so the peak is this many users.</summary>
    public int? Users { get; init; }

    /// <summary>Scale the stages' durations to this total (a duration text such as <c>30s</c>).</summary>
    public string? Duration { get; init; }

    /// <summary>Launch variables for <c>{{ env.NAME }}</c>, as <c>NAME=VALUE</c>.</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];

    /// <summary>Repeat the run up to this many times while the baseline comparison is not settled (overrides <c>baseline.repeat</c>).</summary>
    public int? Repeat { get; init; }

    /// <summary>Do not add this run to the local history (e.g. a one-off experiment).</summary>
    public bool NoHistory { get; init; }
}
