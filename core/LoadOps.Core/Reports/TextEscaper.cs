using System.Text;

namespace LoadOps.Core.Reports;

/// <summary>
/// Makes user text (step names, test names, messages) safe for each output format. Every function accepts
/// null and any UTF-16 input, including lone surrogates, which become U+FFFD.
/// </summary>
internal static class TextEscaper
{
    public static string Html(string? text) => Map(text, c => c switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        '\'' => "&#39;",
        _ => null,
    });

    /// <summary>XML 1.0 text or attribute content; characters XML cannot carry at all are dropped.</summary>
    public static string Xml(string? text) => Map(text, c => c switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        '\'' => "&apos;",
        '\n' => "&#10;",
        '\r' => "&#13;",
        '\t' => "&#9;",
        < ' ' or '\uFFFE' or '\uFFFF' => "",
        _ => null,
    });

    /// <summary>A complete JSON string literal, quotes included.</summary>
    public static string Json(string? text) => "\"" + Map(text, c => c switch
    {
        '"' => "\\\"",
        '\\' => "\\\\",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        < ' ' or '\u2028' or '\u2029' => $"\\u{(int)c:x4}",
        _ => null,
    }) + "\"";

    /// <summary>Inline GitHub Markdown, safe inside a table cell: no markup, links, mentions or raw HTML.</summary>
    public static string Markdown(string? text) => Map(text, c => c switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '|' => "&#124;",
        '@' => "&#64;",
        '\n' or '\r' => " ",
        '\\' or '`' or '*' or '_' or '[' or ']' or '~' or '#' or '!' => "\\" + c,
        _ => null,
    });

    /// <summary>Slack mrkdwn text: only the three characters Slack reserves are escaped; one line.</summary>
    public static string Slack(string? text) => Map(text, c => c switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '\n' or '\r' => " ",
        _ => null,
    });

    /// <summary>Text for a Mermaid quoted label inside a Markdown code fence: a conservative character set.</summary>
    public static string Mermaid(string? text) => Map(text, c =>
        char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or ':' or '/' or '-' or '+' or '(' or ')' or '#' or ',' or '%'
            ? null
            : "_");

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="max"/> characters, ending with an ellipsis.</summary>
    public static string Truncate(string? text, int max)
    {
        if (string.IsNullOrEmpty(text) || text.Length <= max)
            return text ?? "";
        var cut = Math.Max(0, max - 1);
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
            cut--;
        return text[..cut] + "…";
    }

    private static string Map(string? text, Func<char, string?> replace)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    builder.Append(c).Append(text[++i]);
                }
                else
                {
                    builder.Append('\uFFFD');
                }
                continue;
            }
            var replacement = replace(c);
            if (replacement is null)
                builder.Append(c);
            else
                builder.Append(replacement);
        }
        return builder.ToString();
    }
}
