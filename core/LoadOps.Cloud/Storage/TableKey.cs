using System.Globalization;
using System.Text;

namespace LoadOps.Cloud.Storage;

/// <summary>
/// Makes any text safe as a Table PartitionKey or RowKey. Tables forbid <c>/ \ # ?</c> and control characters;
/// we also escape <c>~</c> (our escape character), <c>|</c> (our separator in composite keys), <c>%</c> and <c>'</c>
/// (both handled inconsistently in key URLs). Each such character becomes <c>~XX</c> per UTF-8 byte, so the encoding
/// is injective: two different names never share a key.
/// </summary>
public static class TableKey
{
    /// <summary>Separator between the parts of a composite key; never produced by <see cref="Encode"/>.</summary>
    public const char Separator = '|';

    private const int MaxKeyLength = 1024;

    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (!NeedsEscape(rune))
            {
                builder.Append(rune.ToString());
                continue;
            }

            var count = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..count])
                builder.Append('~').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        if (builder.Length > MaxKeyLength)
            throw new ArgumentException($"A table key is at most {MaxKeyLength} characters once encoded.", nameof(value));
        return builder.ToString();
    }

    /// <summary>Joins encoded parts with <see cref="Separator"/>: <c>checkout|feature~2Fx</c>.</summary>
    public static string Compose(params ReadOnlySpan<string> parts)
    {
        var encoded = new string[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            encoded[i] = Encode(parts[i]);
        return string.Join(Separator, encoded);
    }

    private static bool NeedsEscape(Rune rune) =>
        rune.Value < 0x20 || (rune.Value >= 0x7F && rune.Value <= 0x9F) ||
        rune.Value is '/' or '\\' or '#' or '?' or '~' or '|' or '%' or '\'';
}
