using System.Globalization;
using LoadOps.Core.Importing.Results;
using LoadOps.Core.Results;

namespace LoadOps.Core.Importing.Locust;

/// <summary>
/// Imports Locust's <c>--csv</c> stats history (<c>PREFIX_stats_history.csv</c>): a row per request name about every
/// second with cumulative request and failure counts and the current response-time percentiles. Locust keeps no
/// samples, so each row's new requests are spread over its percentiles (<see cref="ImportedResultBuilder.AddSpread"/>)
/// and the result is marked approximate. Per-name rows come with <c>--csv-full-history</c>; without it only the
/// <c>Aggregated</c> rows exist and become one step.
/// </summary>
public static class LocustHistoryImporter
{
    public const string Tool = "locust";
    public const string Approximation =
        "Latencies rebuilt from Locust's stats history, which keeps percentiles (50% to 100%) per second, not samples: " +
        "percentiles between those points are approximate, and failures are of unknown kind.";
    private const string Fix = "give the PREFIX_stats_history.csv Locust wrote with --csv PREFIX";
    private static readonly string[] Quantiles = ["50%", "66%", "75%", "80%", "90%", "95%", "98%", "99%", "99.9%", "99.99%", "100%"];

    public static ImportOutcome<ResultFile> Import(string file, string text, ImportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(settings);
        var records = CsvRecords.Read(text, out var unclosed);
        if (unclosed is { } quoteLine)
            return Failed(new ImportProblem(file, "a quoted field is never closed", "close the quote (\")") { Line = quoteLine });
        if (records.Count == 0)
            return Failed(new ImportProblem(file, "the file is empty", Fix));
        var header = records[0];
        var column = header.Fields.Select((name, i) => (name, i)).GroupBy(c => c.name.Trim()).ToDictionary(g => g.Key, g => g.First().i);
        foreach (var required in new[] { "Timestamp", "Name", "Total Request Count", "Total Failure Count" })
        {
            if (!column.ContainsKey(required))
                return Failed(new ImportProblem(file, $"the header row has no '{required}' column (is this the stats history, not the stats summary?)", Fix) { Line = header.Line });
        }
        var rows = records.Skip(1).ToList();
        var perName = rows.Any(r => r.Fields.Count > column["Name"] && r.Fields[column["Name"]] != "Aggregated");
        var builder = new ImportedResultBuilder();
        var previous = new Dictionary<string, (long Requests, long Failures)>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.Fields.Count != header.Fields.Count)
                return Failed(new ImportProblem(file, $"{row.Fields.Count} fields where the header has {header.Fields.Count}", "quote names that contain commas, or re-run Locust") { Line = row.Line });
            string Field(string name) => row.Fields[column[name]];
            var name = Field("Name");
            if (perName == (name == "Aggregated"))
                continue;
            if (!long.TryParse(Field("Timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
                return Failed(new ImportProblem(file, $"Timestamp '{Field("Timestamp")}' is not Unix seconds", "fix or remove the line") { Line = row.Line });
            if (!long.TryParse(Field("Total Request Count"), NumberStyles.None, CultureInfo.InvariantCulture, out var requests)
                || !long.TryParse(Field("Total Failure Count"), NumberStyles.None, CultureInfo.InvariantCulture, out var failures))
                return Failed(new ImportProblem(file, "Total Request Count and Total Failure Count must be whole numbers", "fix or remove the line") { Line = row.Line });
            var key = column.ContainsKey("Type") ? $"{Field("Type")} {name}" : name;
            var (lastRequests, lastFailures) = previous.GetValueOrDefault(key);
            // Counts are cumulative; a drop means Locust reset its stats, after which they count from zero again.
            var (newRequests, newFailures) = requests >= lastRequests ? (requests - lastRequests, Math.Max(0, failures - lastFailures)) : (requests, failures);
            previous[key] = (requests, failures);
            if (newRequests == 0)
                continue;
            var percentiles = Percentiles(column, row, Field);
            if (percentiles is null)
                return Failed(new ImportProblem(file, "new requests but no response-time percentiles (50% .. 100% are N/A or missing)", "give the stats history of Locust 2.x, which writes them per row") { Line = row.Line });
            builder.AddSpread(Tool, name, DateTimeOffset.FromUnixTimeSeconds(seconds), newRequests - Math.Min(newFailures, newRequests), Math.Min(newFailures, newRequests), percentiles);
        }
        if (builder.Count == 0)
            return Failed(new ImportProblem(file, "the history holds no requests", Fix));
        return ImportOutcome<ResultFile>.Ok(builder.Build(settings, Approximation));
    }

    private static List<(double Quantile, long Micros)>? Percentiles(Dictionary<string, int> column, CsvRecords.Record row, Func<string, string> field)
    {
        var points = new List<(double, long)>();
        foreach (var label in Quantiles.Where(column.ContainsKey))
        {
            if (double.TryParse(field(label), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
                points.Add((double.Parse(label.TrimEnd('%'), CultureInfo.InvariantCulture) / 100, (long)Math.Round(ms * 1000)));
        }
        if (points.Count == 0 && column.TryGetValue("Total Median Response Time", out var median)
            && double.TryParse(row.Fields[median], NumberStyles.Float, CultureInfo.InvariantCulture, out var m))
            points.Add((1, (long)Math.Round(m * 1000)));
        return points.Count == 0 ? null : points;
    }

    private static ImportOutcome<ResultFile> Failed(ImportProblem problem) => ImportOutcome<ResultFile>.Failed(problem);
}
