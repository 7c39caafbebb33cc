using System.Globalization;
using LoadOps.Core.Importing.Results;

namespace LoadOps.Core.Importing.JMeter;

/// <summary>Reads a CSV JTL. Columns are found by the header row; without one, JMeter's default column orders are recognised by their count.</summary>
internal static class JtlCsvReader
{
    // Default CSV columns when print_field_names is off: JMeter 2.x (12 columns) and 3.x-5.x (17 columns).
    private static readonly string[] Columns2 = ["timeStamp", "elapsed", "label", "responseCode", "responseMessage", "threadName", "dataType", "success", "bytes", "grpThreads", "allThreads", "Latency"];
    private static readonly string[] Columns5 = ["timeStamp", "elapsed", "label", "responseCode", "responseMessage", "threadName", "dataType", "success", "failureMessage", "bytes", "sentBytes", "grpThreads", "allThreads", "URL", "Latency", "IdleTime", "Connect"];
    private const string HeaderFix = "save results with a header row (jmeter -Jjmeter.save.saveservice.print_field_names=true) or with JMeter's default columns";

    public static ImportProblem? Read(string file, string text, ImportedResultBuilder builder)
    {
        var records = CsvRecords.Read(text, out var unclosed);
        if (unclosed is { } quoteLine)
            return new ImportProblem(file, "a quoted field is never closed", "close the quote (\") or re-save the JTL from JMeter") { Line = quoteLine };
        if (records.Count == 0)
            return new ImportProblem(file, "the JTL is empty", "give the file JMeter wrote with -l after a run");

        var first = records[0];
        var hasHeader = first.Fields.Contains("timeStamp", StringComparer.OrdinalIgnoreCase) || first.Fields.Contains("elapsed", StringComparer.OrdinalIgnoreCase);
        var names = hasHeader ? first.Fields
            : first.Fields.Count == Columns2.Length ? Columns2
            : first.Fields.Count == Columns5.Length ? Columns5 : null;
        if (names is null)
            return new ImportProblem(file, $"the first line is neither a header row nor JMeter's default {Columns2.Length} or {Columns5.Length} columns ({first.Fields.Count} found)", HeaderFix) { Line = first.Line };
        var column = names.Select((name, i) => (name, i)).GroupBy(c => c.name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().i, StringComparer.OrdinalIgnoreCase);
        foreach (var required in new[] { "timeStamp", "elapsed", "label", "success" })
        {
            if (!column.ContainsKey(required))
                return new ImportProblem(file, $"the header row has no '{required}' column", $"keep {required} in the saved fields (jmeter.save.saveservice.{Property(required)}=true)") { Line = first.Line };
        }

        foreach (var record in records.Skip(hasHeader ? 1 : 0))
        {
            if (record.Fields.Count != names.Count)
                return new ImportProblem(file, $"{record.Fields.Count} fields where the header has {names.Count}", "quote fields that contain commas, or re-save the JTL from JMeter") { Line = record.Line };
            string Field(string name) => column.TryGetValue(name, out var i) ? record.Fields[i] : "";
            if (JMeterOutcome.Timestamp(Field("timeStamp")) is not { } start)
                return new ImportProblem(file, $"timeStamp '{Field("timeStamp")}' is neither Unix milliseconds nor a date", "keep JMeter's default timestamp format (ms)") { Line = record.Line };
            if (!long.TryParse(Field("elapsed"), NumberStyles.None, CultureInfo.InvariantCulture, out var elapsed))
                return new ImportProblem(file, $"elapsed '{Field("elapsed")}' is not a whole number of milliseconds", "fix or remove the line") { Line = record.Line };
            if (!bool.TryParse(Field("success"), out var success))
                return new ImportProblem(file, $"success '{Field("success")}' is not true or false", "fix or remove the line") { Line = record.Line };
            builder.Add(new ImportedSample(JMeterOutcome.Scenario(Field("threadName")), Field("label"), start, elapsed * 1000,
                JMeterOutcome.Of(success, Field("responseCode")), Number(Field("sentBytes")), Number(Field("bytes"))));
        }
        return null;
    }

    private static long Number(string text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static string Property(string column) => column switch
    {
        "timeStamp" => "timestamp_format",
        "success" => "successful",
        _ => column.ToLowerInvariant(),
    };
}
