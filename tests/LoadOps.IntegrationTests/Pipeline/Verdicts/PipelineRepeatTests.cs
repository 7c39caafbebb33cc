using LoadOps.Core.Evaluation;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Pipeline.Verdicts;

/// <summary>
/// <c>baseline.repeat</c> in the pipeline on Azurite: a comparison that cannot settle repeats the candidate (the same
/// test at the same commit) up to N runs, the repeats are judged together and the last report lists every one; a clear
/// regression stops at the first run.
/// </summary>
public sealed class PipelineRepeatTests(AzuriteFixture azurite)
{
    private const string Commit = "abababababababababababababababababababab";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<VerdictRig> RigWithBaselineAsync(CancellationToken cancellationToken)
    {
        var rig = await VerdictRig.StartAsync(azurite, cancellationToken, baselineExtra: "  repeat: 3", baselineRuns: 6);
        for (var i = 0; i < 6; i++)
            await rig.RunAsync(VerdictRig.Push($"main-{i}", $"{i:x}".PadLeft(40, 'c')), cancellationToken);
        return rig;
    }

    [Fact]
    public async Task An_unsettled_comparison_repeats_the_candidate_and_the_last_report_shows_every_repeat()
    {
        using var rig = await RigWithBaselineAsync(Ct);
        // 4% slower: within the 5% tolerance, but 6 baseline runs cannot rule out more, so it does not settle.
        rig.Launcher.LevelMs = 20.8;
        var (first, judged) = await rig.RunAsync(VerdictRig.PullRequest("pr-1", Commit, 9), Ct);
        Assert.False(judged.Settled);

        var second = await WaitForAsync(rig, RepeatChain.RunIdOf("pr-1", 2, VerdictRig.TestName));
        var third = await WaitForAsync(rig, RepeatChain.RunIdOf("pr-1", 3, VerdictRig.TestName));

        Assert.Equal([1, 2, 3], third.Evaluation.Repeats.Select(r => r.Look));
        Assert.Equal([first.RunId, second.Run.RunId, third.Run.RunId], third.Evaluation.Repeats.Select(r => r.RunId));
        Assert.True(third.Evaluation.Settled);
        Assert.Equal(3, third.Evaluation.Regression?.Comparisons[0].Test.CandidateRuns);
        Assert.Equal((Commit, 9, "checkout"), (third.Run.Commit, third.Run.PullRequest, third.Run.TestName));
        Assert.Equal(9, rig.Launcher.Launched);
        var report = await rig.ReportAsync(third.Run.RunId, Ct);
        Assert.Contains(second.Run.RunId, report, StringComparison.Ordinal);
        Assert.Contains(first.RunId, report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clear_regression_stops_at_the_first_run()
    {
        using var rig = await RigWithBaselineAsync(Ct);
        rig.Launcher.LevelMs = 30;

        var (_, judged) = await rig.RunAsync(VerdictRig.PullRequest("pr-slow", Commit, 9), Ct);
        for (var i = 0; i < 5; i++)
            await rig.Pump.PumpOnceAsync(Ct);

        Assert.Equal(RunVerdict.Regression, judged.Verdict);
        Assert.True(judged.Settled);
        Assert.Equal(7, rig.Launcher.Launched);
        Assert.Null(await rig.Stages.Runs.GetAsync(RepeatChain.RunIdOf("pr-slow", 2, VerdictRig.TestName), Ct));
    }

    private static Task<(RunRecord Run, RunEvaluation Evaluation)> WaitForAsync(VerdictRig rig, string runId) =>
        rig.WaitAsync(runId, Ct);
}
