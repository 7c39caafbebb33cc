namespace LoadOps.Cli.Gate;

/// <summary>What <c>loadops gate</c> was asked to do, with the repository, commit and branch already resolved.</summary>
internal sealed record GateOptions(Uri Url, string Token, TimeSpan Timeout, string OutDirectory, string Repository, string Commit, string Branch)
{
    public const string TokenVariable = "LOADOPS_TOKEN";

    /// <summary>The definition's name to start a run of; null: wait for the runs the push or pull request of the commit started.</summary>
    public string? Test { get; init; }

    public int? PullRequest { get; init; }

    /// <summary>First wait between polls; it grows by half each time up to <see cref="MaxPoll"/>.</summary>
    public TimeSpan FirstPoll { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxPoll { get; init; } = TimeSpan.FromSeconds(15);
}
