using System.Globalization;
using LoadOps.Core.Validation;

namespace LoadOps.Cli.Validate;

/// <summary>Prints problems like a compiler: location, severity, code, message, then the source line with a caret under the column.</summary>
internal static class TextErrorRenderer
{
    public static void Write(TextWriter output, IReadOnlyList<DefinitionError> errors, Func<string, string?> textOf, int fileCount)
    {
        foreach (var error in errors)
        {
            output.WriteLine(error.ToString());
            if (error.Code == ValidationCodes.LiteralSecret)
            {
                output.WriteLine("      | (line not shown: it may hold a secret)");
                continue;
            }
            if (SourceLine(textOf(error.File), error.Line) is not { } line)
                continue;
            var number = error.Line.ToString(CultureInfo.InvariantCulture);
            var gutter = new string(' ', Math.Max(5, number.Length + 1));
            var column = Math.Clamp(error.Column - 1, 0, line.Length);
            var pad = string.Concat(line[..column].Select(c => c == '\t' ? '\t' : ' '));
            output.WriteLine($"{number.PadLeft(gutter.Length)} | {line}");
            output.WriteLine($"{gutter} | {pad}^");
        }
        output.WriteLine(Summary(errors, fileCount));
    }

    public static string Summary(IReadOnlyList<DefinitionError> errors, int fileCount)
    {
        var errorCount = errors.Count(e => e.Severity == Severity.Error);
        var warningCount = errors.Count - errorCount;
        var files = fileCount == 1 ? "1 definition" : $"{fileCount} definitions";
        var warnings = warningCount == 0 ? "" : $", {Plural(warningCount, "warning")}";
        return errorCount == 0
            ? $"{files} checked: valid{warnings}."
            : $"{files} checked: {Plural(errorCount, "error")} in {Plural(errors.Where(e => e.Severity == Severity.Error).Select(e => e.File).Distinct().Count(), "file")}{warnings}.";
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string? SourceLine(string? text, int line)
    {
        if (text is null || line < 1)
            return null;
        var start = 0;
        for (var i = 1; i < line; i++)
        {
            start = text.IndexOf('\n', start);
            if (start < 0)
                return null;
            start++;
        }
        var end = text.IndexOf('\n', start);
        var content = (end < 0 ? text[start..] : text[start..end]).TrimEnd('\r');
        return content.Length > 200 ? content[..200] + "..." : content;
    }
}
