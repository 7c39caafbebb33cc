using System.Text;

namespace LoadOps.Core.Importing;

/// <summary>
/// Splits CSV text (RFC 4180: commas, double-quoted fields with "" escapes and line breaks inside quotes) into records,
/// each with the 1-based line it starts on, so errors can name the line.
/// </summary>
public static class CsvRecords
{
    public sealed record Record(int Line, IReadOnlyList<string> Fields);

    /// <summary>Every non-empty record; an unterminated quote ends the text and is reported through <paramref name="unclosedQuoteLine"/>.</summary>
    public static List<Record> Read(string text, out int? unclosedQuoteLine, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<Record>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var quoteLine = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                    quoted = false;
                else
                {
                    if (c == '\n')
                        line++;
                    field.Append(c);
                }
                continue;
            }
            if (c == '"' && field.Length == 0)
            {
                quoted = true;
                quoteLine = line;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
                End(records, fields, field, recordLine);
                line++;
                recordLine = line;
            }
            else
                field.Append(c);
        }
        unclosedQuoteLine = quoted ? quoteLine : null;
        End(records, fields, field, recordLine);
        return records;
    }

    private static void End(List<Record> records, List<string> fields, StringBuilder field, int line)
    {
        fields.Add(field.ToString());
        field.Clear();
        if (fields.Count > 1 || fields[0].Length > 0)
            records.Add(new Record(line, [.. fields]));
        fields.Clear();
    }
}
