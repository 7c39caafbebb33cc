using LoadOps.Core.Definitions;
using LoadOps.Core.Evaluation;

namespace LoadOps.Core.Tests.Evaluation;

/// <summary>Baseline hygiene: regressed runs stay out unless their level is accepted or the series test confirms it.</summary>
public sealed class BaselineSelectorTests
{
    private static readonly BaselineSpec Spec = new() { Runs = 10 };

    [Fact]
    public void Runs_judged_a_regression_do_not_enter_the_baseline()
    {
        // The bug this pins: after 3 slow runs on main the slow runs were the baseline and the slow PR passed.
        var history = Newest(Slow(3, RunVerdict.Regression), Fast(6));
        var selection = BaselineSelector.Select(history, Spec);

        Assert.Equal(6, selection.Runs.Count);
        Assert.All(selection.Runs, r => Assert.StartsWith("fast", r.Run.RunId, StringComparison.Ordinal));
        Assert.Null(selection.Level);
        Assert.Contains(selection.Notes, n => n.Contains("3 run(s) judged a regression", StringComparison.Ordinal));
    }

    [Fact]
    public void An_accepted_run_starts_the_new_level()
    {
        var slow = Slow(3, RunVerdict.Regression);
        slow[^1] = slow[^1] with { Accepted = true };
        var selection = BaselineSelector.Select(Newest(slow, Fast(6)), Spec);

        var only = Assert.Single(selection.Runs);
        Assert.Equal(slow[^1].Run.RunId, only.Run.RunId);
        Assert.Contains("accepted", selection.Level, StringComparison.Ordinal);
        Assert.Contains("commit", selection.Level, StringComparison.Ordinal);
    }

    [Fact]
    public void Enough_regressed_runs_at_one_level_are_confirmed_by_the_series_test()
    {
        var selection = BaselineSelector.Select(Newest(Slow(BaselineSelector.ConfirmRuns, RunVerdict.Regression), Fast(6)), Spec);

        Assert.Equal(BaselineSelector.ConfirmRuns, selection.Runs.Count);
        Assert.Contains("confirmed by the series test", selection.Level, StringComparison.Ordinal);
        Assert.Contains("slow-0", selection.Level, StringComparison.Ordinal);
    }

    /// <summary>Newest first, as the history gives them: the later list is older.</summary>
    private static List<HistoryRun> Newest(List<HistoryRun> newer, List<HistoryRun> older) => [.. newer.AsEnumerable().Reverse(), .. older.AsEnumerable().Reverse()];

    private static List<HistoryRun> Fast(int count) =>
        [.. Enumerable.Range(0, count).Select(i => Run($"fast-{i}", 100, i, RunVerdict.Pass))];

    private static List<HistoryRun> Slow(int count, RunVerdict verdict) =>
        [.. Enumerable.Range(0, count).Select(i => Run($"slow-{i}", 140, 100 + i, verdict))];

    private static HistoryRun Run(string id, double medianMs, int order, RunVerdict verdict)
    {
        var (run, summary) = EvaluatedRuns.Run(id, medianMs, seed: order + 1);
        run = run with { Start = run.Start.AddHours(order), End = run.End.AddHours(order), Commit = $"c0ffee{order:00}" };
        return new HistoryRun(run, summary with { RunId = id }, verdict, Accepted: false);
    }
}
