using LoadOps.Core.Definitions;
using LoadOps.Core.Regression;

namespace LoadOps.Core.Reports.Trends;

/// <summary>
/// Orders a test's runs, finds the change points of each tracked metric (E-divisive means over the trustworthy runs,
/// as <c>loadops compare --series</c>) and picks the runs to compare: those asked for, else the newest two.
/// </summary>
public static class TrendModelBuilder
{
    /// <summary>The model, or null and the problem (an unknown run to compare) in words that name the fix.</summary>
    public static (TrendModel? Model, string? Problem) Build(string testName, IReadOnlyList<TrendEntry> entries,
        IReadOnlyList<string> compare, double tolerance, DateTimeOffset now, ChangePointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(compare);
        var ordered = entries.GroupBy(e => e.RunId).Select(g => g.First())
            .OrderBy(e => e.Start).ThenBy(e => e.RunId, StringComparer.Ordinal).ToList();

        var compared = new List<TrendEntry>();
        foreach (var runId in compare.Distinct(StringComparer.Ordinal))
        {
            var found = ordered.FirstOrDefault(e => e.RunId == runId);
            if (found is null)
                return (null, $"run '{runId}' is not in the history of '{testName}'; runs there are {Sample(ordered)}.");
            compared.Add(found);
        }
        if (compare.Count == 0)
            compared.AddRange(ordered.TakeLast(2));

        var notes = new List<string>();
        var changePoints = ChangePoints(ordered, tolerance, options ?? new ChangePointOptions(), notes);
        return (new TrendModel(testName, ordered)
        {
            ChangePoints = changePoints,
            Compared = compared,
            Tolerance = tolerance,
            Notes = notes,
            GeneratedAt = now,
        }, null);
    }

    private static List<TrendChangePoint> ChangePoints(List<TrendEntry> ordered, double tolerance, ChangePointOptions options, List<string> notes)
    {
        var usable = ordered.Where(e => e.Trustworthy).ToList();
        if (usable.Count < ordered.Count)
            notes.Add($"{ordered.Count - usable.Count} partial or untrustworthy run(s) are shown but not used to find shifts.");
        var needed = 2 * options.MinimumSegment;
        if (usable.Count < needed)
        {
            notes.Add($"{usable.Count} trustworthy run(s): at least {needed} are needed to find a shift.");
            return [];
        }

        var points = new List<TrendChangePoint>();
        foreach (var metric in TrendModel.Metrics)
        {
            var series = usable.Where(e => e.Value(metric) is not null).ToList();
            if (series.Count < needed)
                continue;
            IReadOnlyList<double> values = [.. series.Select(e => e.Value(metric)!.Value)];
            IReadOnlyList<string> labels = [.. series.Select(e => e.RunId)];
            var found = ChangePointDetector.Detect(values, labels, options);
            // A short history cannot reach the strict significance; one clear shift may pass the looser bar, as in the series test.
            if (found.Count == 0 && ChangePointDetector.Strongest(values, labels, options) is { } lone && lone.PValue < options.LoneShiftSignificance)
                found = [lone];
            foreach (var point in found.Where(p => double.IsFinite(p.RelativeChange) && Math.Abs(p.RelativeChange) > tolerance))
            {
                var worse = metric.HigherIsWorse() ? point.MeanAfter > point.MeanBefore : point.MeanAfter < point.MeanBefore;
                points.Add(new TrendChangePoint(metric, point.Label, point.MeanBefore, point.MeanAfter, point.RelativeChange, worse));
            }
        }
        return points;
    }

    private static string Sample(List<TrendEntry> ordered) => ordered.Count == 0
        ? "none"
        : string.Join(", ", ordered.TakeLast(5).Select(e => e.RunId)) + (ordered.Count > 5 ? $" (and {ordered.Count - 5} older)" : "");
}
