using System.Security.Cryptography;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Results;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>Sample records with unique ids, so tests sharing one Azurite never collide.</summary>
internal static class TestRuns
{
    public static string NewRunId() => "20261123T104500Z-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public static RunRecord NewRun(string? runId = null) => new()
    {
        RunId = runId ?? NewRunId(),
        TestName = "checkout",
        DefinitionHash = "sha256:abc",
        Repo = "octo/shop",
        Commit = "0123456789abcdef",
        Branch = "main",
        PullRequest = 42,
        Trigger = RunTrigger.PullRequest,
    };

    public static IReadOnlyList<ShardRecord> Shards(string runId, int count) =>
        Enumerable.Range(0, count)
            .Select(i => new ShardRecord { RunId = runId, ShardId = $"{runId}-s{i:000}", Index = i, Location = i % 2 == 0 ? "local" : "azure/westeurope" })
            .ToList();

    public static ResultFile Result(string runId, string? shardId) => new()
    {
        RunId = runId,
        ShardId = shardId,
        Definition = "checkout",
        DefinitionHash = "sha256:abc",
        Start = new DateTimeOffset(2026, 11, 23, 10, 45, 0, TimeSpan.Zero),
        End = new DateTimeOffset(2026, 11, 23, 10, 50, 0, TimeSpan.Zero),
        Steps = [],
        TrustIssues = [new TrustIssue("cpu", "runner CPU above 90%", shardId)],
    };
}
