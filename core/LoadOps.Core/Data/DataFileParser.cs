using System.Text.Json;
using LoadOps.Core.Importing;

namespace LoadOps.Core.Data;

/// <summary>
/// Reads a data file's text: CSV (a header row, then one record per row, RFC 4180 quoting) or JSON lines
/// (<c>.jsonl</c>/<c>.ndjson</c>: one flat object per line; the first line's keys are the columns). Never throws on
/// user input: a problem comes back as a message with the 1-based line it is on.
/// </summary>
public static class DataFileParser
{
    /// <summary>A problem at a 1-based line of the data file.</summary>
    public sealed record Failure(int Line, string Message);

    public static bool IsJsonLines(string path) =>
        path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);

    public static DataTable? Parse(string name, string path, string text, out Failure? failure) =>
        IsJsonLines(path) ? ParseJsonLines(name, text, out failure) : ParseCsv(name, text, out failure);

    private static DataTable? ParseCsv(string name, string text, out Failure? failure)
    {
        var records = CsvRecords.Read(text.TrimStart('\uFEFF'), out var unclosed);
        failure = null;
        if (unclosed is { } quoteLine)
        {
            failure = new Failure(quoteLine, "a quoted field is never closed; end it with '\"' (write \"\" for a quote inside it)");
            return null;
        }
        if (records.Count == 0)
        {
            failure = new Failure(1, "the file is empty; its first line must be the header row, e.g. email,password");
            return null;
        }
        var header = records[0];
        if (CheckHeader(header.Fields, header.Line) is { } bad)
        {
            failure = bad;
            return null;
        }
        var rows = new List<IReadOnlyList<string>>(records.Count - 1);
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != header.Fields.Count)
            {
                failure = new Failure(record.Line,
                    $"this row has {record.Fields.Count} field(s) but the header has {header.Fields.Count}; quote a value that holds a comma");
                return null;
            }
            rows.Add(record.Fields);
        }
        return new DataTable(name, header.Fields.Select(f => f.Trim()).ToList(), rows);
    }

    private static DataTable? ParseJsonLines(string name, string text, out Failure? failure)
    {
        failure = null;
        List<string>? columns = null;
        var rows = new List<IReadOnlyList<string>>();
        var lines = text.TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
                continue;
            if (ReadObject(line, i + 1, out failure) is not { } values)
                return null;
            columns ??= values.Keys.ToList();
            if (columns.Count == 0 || CheckHeader(columns, i + 1) is not null)
            {
                failure = new Failure(i + 1, "the first object must have keys that are names (a-z, 0-9, _), e.g. {\"email\": \"a@example.com\"}");
                return null;
            }
            if (columns.FirstOrDefault(c => !values.ContainsKey(c)) is { } missing)
            {
                failure = new Failure(i + 1, $"this object has no '{missing}'; every line needs the first line's keys ({string.Join(", ", columns)})");
                return null;
            }
            rows.Add(columns.Select(c => values[c]).ToList());
        }
        if (columns is null)
        {
            failure = new Failure(1, "the file is empty; write one JSON object per line, e.g. {\"email\": \"a@example.com\"}");
            return null;
        }
        return new DataTable(name, columns, rows);
    }

    private static Dictionary<string, string>? ReadObject(string line, int number, out Failure? failure)
    {
        failure = null;
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                failure = new Failure(number, "each line must be one JSON object, e.g. {\"email\": \"a@example.com\"}");
                return null;
            }
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                values[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.Null => "",
                    _ => property.Value.GetRawText(),
                };
            }
            return values;
        }
        catch (JsonException e)
        {
            failure = new Failure(number, $"not valid JSON ({e.Message.Split('.')[0]}); write one JSON object per line");
            return null;
        }
    }

    private static Failure? CheckHeader(IReadOnlyList<string> columns, int line)
    {
        if (columns.FirstOrDefault(c => !Templates.TemplateParser.IsIdentifier(c.Trim())) is { } bad)
            return new Failure(line,
                $"the header row names the columns and '{(bad.Length > 40 ? bad[..37] + "..." : bad)}' is not a column name (letters, digits, _); add a header row such as email,password");
        if (columns.GroupBy(c => c.Trim(), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return new Failure(line, $"column '{twice.Key}' appears twice in the header row; rename one");
        return null;
    }
}
