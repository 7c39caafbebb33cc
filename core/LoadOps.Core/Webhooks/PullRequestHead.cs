namespace LoadOps.Core.Webhooks;

/// <summary>Where a pull request stands: its head commit and branch, its base branch, whether it comes from a fork.</summary>
public sealed record PullRequestHead(string Commit, string Branch, string BaseBranch, bool FromFork, bool IsOpen);
