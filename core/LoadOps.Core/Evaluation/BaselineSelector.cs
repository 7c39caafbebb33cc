using LoadOps.Core.Definitions;
using LoadOps.Core.Regression;

namespace LoadOps.Core.Evaluation;

/// <summary>
/// Baseline hygiene: which earlier runs a candidate is compared with. A run judged a regression or failing does not enter
/// the baseline, so a slowdown on the baseline branch cannot become the yardstick by repetition. A new level becomes the
/// baseline only when someone accepts a run of it (then the level starts at that run), or when the series test confirms
/// it: at least <see cref="ConfirmRuns"/> regressed runs in a row and a change point, for the worse, among them. Either
/// way <see cref="BaselineSelection.Level"/> names the run and commit where the level changed.
/// </summary>
public static class BaselineSelector
{
    /// <summary>Consecutive regressed runs after which the series test may confirm a new level without anyone accepting it.</summary>
    public const int ConfirmRuns = 5;

    /// <param name="history">Earlier runs of the same test and definition on the baseline branch, newest first.</param>
    public static BaselineSelection Select(IReadOnlyList<HistoryRun> history, BaselineSpec spec)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(spec);
        var notes = new List<string>();
        var trusted = history.Where(h => TrustCheck.IsTrustworthy(h.Run, h.Summary)).ToList();
        List<HistoryRun> eligible;
        List<HistoryRun> leftOut;
        string? level = null;
        if (trusted.FindIndex(h => h.Accepted) is var accepted and >= 0)
        {
            var window = trusted.Take(accepted).ToList();
            eligible = [.. window.Where(h => !IsBad(h)), trusted[accepted]];
            leftOut = [.. window.Where(IsBad)];
            level = $"baseline level since run {trusted[accepted].Run.RunId}{Commit(trusted[accepted])}, accepted";
        }
        else if (Confirmed(trusted, spec) is { } shift)
        {
            // The regressed runs ARE the new level now: they stand in the baseline together.
            eligible = trusted.Take(shift + 1).ToList();
            leftOut = [];
            level = $"baseline level since run {trusted[shift].Run.RunId}{Commit(trusted[shift])}, confirmed by the series test over {shift + 1} runs";
        }
        else
        {
            eligible = trusted.Where(h => !IsBad(h)).ToList();
            leftOut = trusted.Where(IsBad).ToList();
        }
        if (leftOut.Count > 0)
            notes.Add($"{leftOut.Count} run(s) judged a regression or failing left out of the baseline: {string.Join(", ", leftOut.Select(h => h.Run.RunId))}; " +
                "if that level is intended, accept it (loadops baseline accept RUN).");
        if (level is not null)
            notes.Add(level + ".");
        return new BaselineSelection([.. eligible.Take(spec.Runs).Select(h => (h.Run, h.Summary))], level, notes);
    }

    private static bool IsBad(HistoryRun run) => run.Verdict is RunVerdict.Regression or RunVerdict.Fail;

    /// <summary>The index (newest first) of the first run of a new level the series test confirms, or null.</summary>
    private static int? Confirmed(List<HistoryRun> trusted, BaselineSpec spec)
    {
        var streak = trusted.TakeWhile(h => h.Verdict == RunVerdict.Regression).Count();
        if (streak < ConfirmRuns)
            return null;
        var before = trusted.Skip(streak).Where(h => !IsBad(h)).Take(spec.Runs);
        var series = trusted.Take(streak).Concat(before)
            .Select(h => new SeriesRun(h.Run.RunId, h.Run.Commit, h.Run.Start, h.Summary)).ToList();
        var metrics = spec.Metrics.Where(m => m.Unit() == MetricUnit.Microseconds).DefaultIfEmpty(Metric.P95).ToList();
        var shift = SeriesAnalyzer.Analyze(series, metrics, spec.Tolerance).Shifts.Where(s => s.Worse)
            .Select(s => trusted.FindIndex(h => h.Run.RunId == s.At.RunId)).Where(i => i >= 0 && i < streak).DefaultIfEmpty(-1).Min();
        // The newest confirmed change point starts the level now in force.
        return shift >= 0 ? shift : null;
    }

    private static string Commit(HistoryRun run) =>
        run.Run.Commit is { Length: > 0 } c ? $" (commit {c[..Math.Min(12, c.Length)]})" : "";
}
