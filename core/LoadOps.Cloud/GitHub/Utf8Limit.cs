using System.Text;

namespace LoadOps.Cloud.GitHub;

/// <summary>
/// GitHub measures its text limits in UTF-8 bytes, not in .NET's UTF-16 characters: a report of '❌' rows is three
/// bytes per character. Cuts on whole characters (Unicode scalar values), never inside one.
/// </summary>
public static class Utf8Limit
{
    public static int ByteCount(string text) => Encoding.UTF8.GetByteCount(text);

    /// <summary><paramref name="text"/> when it fits in <paramref name="maxBytes"/>; else its longest prefix that fits with <paramref name="note"/> appended.</summary>
    public static string Cut(string text, int maxBytes, string note = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(note);
        if (ByteCount(text) <= maxBytes)
            return text;
        var budget = maxBytes - ByteCount(note);
        ArgumentOutOfRangeException.ThrowIfNegative(budget, nameof(maxBytes));
        var length = 0;
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > budget)
                break;
            used += rune.Utf8SequenceLength;
            length += rune.Utf16SequenceLength;
        }
        return text[..length] + note;
    }
}
