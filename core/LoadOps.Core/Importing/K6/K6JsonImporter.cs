using System.Globalization;
using System.Text.Json;
using LoadOps.Core.Importing.Results;
using LoadOps.Core.Results;

namespace LoadOps.Core.Importing.K6;

/// <summary>
/// Imports k6's <c>--out json</c> output: one JSON object per line, <c>Metric</c> declarations and <c>Point</c> samples.
/// Every <c>http_req_duration</c> point is one request (value in milliseconds) in the histogram of its <c>name</c> tag
/// (k6 defaults it to the URL), scenario from the <c>scenario</c> tag; other metrics are skipped.
/// </summary>
public static class K6JsonImporter
{
    public const string Tool = "k6";
    private const string Fix = "give the file k6 wrote with --out json=FILE (one JSON object per line)";

    public static ImportOutcome<ResultFile> Import(string file, string text, ImportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(settings);
        if (text.StartsWith('\u001f'))
            return ImportOutcome<ResultFile>.Failed(new ImportProblem(file, "the file is gzipped (k6 --out json=FILE.gz)", "unpack it first: gunzip -k FILE.gz") { Line = 1 });
        var builder = new ImportedResultBuilder();
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var problem = ReadLine(file, number, line, builder);
            if (problem is not null)
                return ImportOutcome<ResultFile>.Failed(problem);
        }
        if (builder.Count == 0)
            return ImportOutcome<ResultFile>.Failed(new ImportProblem(file, "no http_req_duration points found", Fix));
        return ImportOutcome<ResultFile>.Ok(builder.Build(settings));
    }

    private static ImportProblem? ReadLine(string file, int number, string line, ImportedResultBuilder builder)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type))
                return new ImportProblem(file, "the line is not a k6 output object (no \"type\")", Fix) { Line = number, JsonPath = "$.type" };
            if (type.GetString() != "Point" || !root.TryGetProperty("metric", out var metric) || metric.GetString() != "http_req_duration")
                return null;
            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
                return new ImportProblem(file, "a Point without a \"data\" object", Fix) { Line = number, JsonPath = "$.data" };
            if (!data.TryGetProperty("time", out var time) || time.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(time.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
                return new ImportProblem(file, "the point's time is missing or not an RFC 3339 date", "keep k6's \"time\" field as written") { Line = number, JsonPath = "$.data.time" };
            if (!data.TryGetProperty("value", out var value) || !value.TryGetDouble(out var milliseconds) || milliseconds < 0)
                return new ImportProblem(file, "the point's value is missing or not a non-negative number of milliseconds", "keep k6's \"value\" field as written") { Line = number, JsonPath = "$.data.value" };
            var tags = data.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Object ? t : default;
            string? Tag(string name) => tags.ValueKind == JsonValueKind.Object && tags.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            builder.Add(new ImportedSample(Tag("scenario") ?? "default", Tag("name") ?? Tag("url") ?? "http_req", at,
                (long)Math.Round(milliseconds * 1000), Outcome(Tag("status"), Tag("expected_response"), Tag("error_code"))));
            return null;
        }
        catch (JsonException e)
        {
            return new ImportProblem(file, "not JSON: " + e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.', ' '), Fix)
            { Line = number, Column = (int)(e.BytePositionInLine ?? 0) + 1 };
        }
    }

    /// <summary>k6 marks each response expected or not (<c>expected_response</c>); status 0 means no response, and its error code says why.</summary>
    private static SampleOutcome Outcome(string? status, string? expected, string? errorCode)
    {
        var code = int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var failed = expected is null ? code is 0 or >= 400 : expected == "false";
        if (!failed)
            return SampleOutcome.Ok;
        if (code > 0)
            return SampleOutcome.Status;
        // k6 error codes: 1050 request timeout, 1211 dial timeout; 11xx DNS, 12xx TCP.
        var error = int.TryParse(errorCode, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : 0;
        return error switch
        {
            1050 or 1211 => SampleOutcome.Timeout,
            >= 1100 and < 1300 => SampleOutcome.Connect,
            _ => SampleOutcome.Other,
        };
    }
}
