using System.Globalization;
using LoadOps.Core.Definitions;

namespace LoadOps.Core.Regression;

/// <summary>
/// Change-point detection over a history of runs (<see cref="ChangePointDetector"/>, E-divisive means), per metric of the
/// whole run: names the run, and so the commit, where each shift began. Runs are taken in order of their start;
/// partial or untrustworthy runs are left out (a note says which), as in a baseline. Shifts smaller than
/// <paramref name="tolerance"/> are dropped: they are real but too small to act on.
/// </summary>
public static class SeriesAnalyzer
{
    public static SeriesReport Analyze(IReadOnlyList<SeriesRun> runs, IReadOnlyList<Metric> metrics, double tolerance, ChangePointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(metrics);
        options ??= new ChangePointOptions();
        var notes = new List<string>();
        var ordered = runs.OrderBy(r => r.Start).ThenBy(r => r.RunId, StringComparer.Ordinal).ToList();
        var usable = ordered.Where(r => r.Summary.IsTrustworthy).ToList();
        if (usable.Count < ordered.Count)
            notes.Add($"{ordered.Count - usable.Count} run(s) left out as partial or untrustworthy: " +
                string.Join(", ", ordered.Where(r => !r.Summary.IsTrustworthy).Select(r => r.RunId)) + ".");
        var needed = 2 * options.MinimumSegment;
        if (usable.Count < needed)
        {
            notes.Add($"only {usable.Count} usable run(s); at least {needed} are needed to see a shift ({options.MinimumSegment} either side).");
            return new SeriesReport(usable.Count, needed, [], notes);
        }

        var shifts = new List<SeriesShift>();
        var undecided = new List<string>();
        foreach (var metric in metrics)
        {
            var series = usable.Where(r => r.Summary.Overall.Value(metric) is not null).ToList();
            if (series.Count < needed)
            {
                notes.Add($"{metric.Name()}: only {series.Count} run(s) have a value; not searched.");
                continue;
            }
            var values = series.Select(r => r.Summary.Overall.Value(metric)!.Value).ToList();
            var labels = series.Select(r => r.RunId).ToList();
            var found = ChangePointDetector.Detect(values, labels, options);
            if (found.Count == 0 && ChangePointDetector.Strongest(values, labels, options) is { } lone && Math.Abs(lone.RelativeChange) > tolerance)
            {
                if (lone.PValue < options.LoneShiftSignificance)
                    found = [lone];
                else
                    // A change beyond the tolerance the history is too short to confirm: not "no shift".
                    undecided.Add($"{metric.Name()}: {Percent(lone.RelativeChange)} from run {lone.Label} on is not significant yet (p = {lone.PValue.ToString("0.###", CultureInfo.InvariantCulture)}); too little history to tell.");
            }
            foreach (var point in found)
            {
                var change = point.RelativeChange;
                if (double.IsNaN(change) || Math.Abs(change) <= tolerance)
                {
                    notes.Add($"{metric.Name()}: a shift of {Percent(change)} at {point.Label} is within the {Percent(tolerance, signed: false)} tolerance; not reported.");
                    continue;
                }
                var worse = metric.HigherIsWorse() ? point.MeanAfter > point.MeanBefore : point.MeanAfter < point.MeanBefore;
                shifts.Add(new SeriesShift(metric, series[point.Index], point, worse));
            }
        }
        return new SeriesReport(usable.Count, needed, [.. shifts.OrderBy(s => s.At.Start).ThenBy(s => s.Metric)], [.. undecided, .. notes]) { Undecided = undecided.Count };
    }

    private static string Percent(double fraction, bool signed = true) =>
        double.IsNaN(fraction) ? "?" : (fraction * 100).ToString(signed ? "+0.#;-0.#;0" : "0.#", CultureInfo.InvariantCulture) + "%";
}
