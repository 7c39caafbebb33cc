using LoadOps.Cli.History;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Results;

namespace LoadOps.Cli.Tests.History;

public sealed class LocalHistoryStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("loadops-history-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static ResultFile Run(string runId, string branch = "main", ResultStatus status = ResultStatus.Complete, bool trusted = true) => new()
    {
        RunId = runId,
        Definition = "checkout",
        DefinitionHash = "h",
        Branch = branch,
        Start = DateTimeOffset.UnixEpoch,
        End = DateTimeOffset.UnixEpoch.AddMinutes(1),
        Status = status,
        TrustIssues = trusted ? [] : [new TrustIssue("cpu", "runner CPU above 85%")],
        Steps = [],
    };

    [Fact]
    public async Task Returns_the_newest_runs_of_the_branch_first()
    {
        var store = new LocalHistoryStore(_root);
        var ct = TestContext.Current.CancellationToken;
        foreach (var run in new[]
                 {
                     Run("20261120T000000Z-a"), Run("20261121T000000Z-b"), Run("20261122T000000Z-c", status: ResultStatus.Partial),
                     Run("20261123T000000Z-d", trusted: false), Run("20261123T010000Z-e"), Run("20261123T020000Z-f", branch: "feature/x"),
                 })
            await store.SaveAsync(run, RunVerdict.Pass, ct);

        var skipped = new List<string>();
        var baseline = await store.LoadHistoryAsync("checkout", "main", 2, skipped, ct);

        // Trust is judged by the baseline selection, so partial and untrustworthy runs are returned too (the series needs them named).
        Assert.Equal(["20261123T010000Z-e", "20261123T000000Z-d"], baseline.Select(r => r.Run.RunId));
        Assert.Empty(skipped);
    }

    [Fact]
    public async Task Branches_with_slashes_are_kept_apart_from_similar_names()
    {
        var store = new LocalHistoryStore(_root);
        var ct = TestContext.Current.CancellationToken;
        await store.SaveAsync(Run("r1", branch: "feature/x"), RunVerdict.Pass, ct);
        await store.SaveAsync(Run("r2", branch: "feature_x"), RunVerdict.Pass, ct);

        Assert.Equal(["r1"], (await store.LoadHistoryAsync("checkout", "feature/x", 10, [], ct)).Select(r => r.Run.RunId));
        Assert.Equal(["r2"], (await store.LoadHistoryAsync("checkout", "feature_x", 10, [], ct)).Select(r => r.Run.RunId));
    }

    [Fact]
    public async Task A_damaged_file_is_skipped_and_reported()
    {
        var store = new LocalHistoryStore(_root);
        var ct = TestContext.Current.CancellationToken;
        var path = await store.SaveAsync(Run("20261120T000000Z-a"), RunVerdict.Pass, ct);
        await File.WriteAllTextAsync(Path.Combine(Path.GetDirectoryName(path)!, "20261121T000000Z-z.json.gz"), "not gzip", ct);

        var skipped = new List<string>();
        var baseline = await store.LoadHistoryAsync("checkout", "main", 10, skipped, ct);

        Assert.Equal(["20261120T000000Z-a"], baseline.Select(r => r.Run.RunId));
        Assert.Contains(skipped, s => s.Contains("20261121T000000Z-z", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_history_is_an_empty_baseline() =>
        Assert.Empty(await new LocalHistoryStore(_root).LoadHistoryAsync("none", "main", 10, [], TestContext.Current.CancellationToken));

    [Fact]
    public async Task A_run_keeps_its_verdict_and_an_accepted_run_is_marked()
    {
        var store = new LocalHistoryStore(_root);
        var ct = TestContext.Current.CancellationToken;
        await store.SaveAsync(Run("20261120T000000Z-a"), RunVerdict.Pass, ct);
        await store.SaveAsync(Run("20261121T000000Z-b"), RunVerdict.Regression, ct);

        Assert.NotNull(await store.AcceptAsync("20261121T000000Z-b", "someone", DateTimeOffset.UnixEpoch, ct));
        Assert.Null(await store.AcceptAsync("no-such-run", "someone", DateTimeOffset.UnixEpoch, ct));

        var runs = await store.LoadHistoryAsync("checkout", "main", 10, [], ct);
        Assert.Equal([RunVerdict.Regression, RunVerdict.Pass], runs.Select(r => r.Verdict!.Value));
        Assert.Equal([true, false], runs.Select(r => r.Accepted));
    }
}
