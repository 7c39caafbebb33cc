using System.Globalization;
using System.Text;

namespace LoadOps.Pipeline.Memory;

/// <summary>The order Azure Tables lists rows in, so the in-memory stores list theirs the same way.</summary>
internal static class TableKeyOrder
{
    /// <summary>
    /// A name as the table sorts it once it is a key: TableKey (LoadOps.Cloud) writes characters keys may not hold, and
    /// its own escape and separator, as <c>~XX</c> per UTF-8 byte, so those sort where <c>~</c> does.
    /// </summary>
    public static string Of(string key)
    {
        var order = new StringBuilder(key.Length);
        foreach (var rune in key.EnumerateRunes())
        {
            var value = rune.Value;
            if (value is >= 0x20 and (< 0x7F or > 0x9F) and not ('/' or '\\' or '#' or '?' or '~' or '|' or '%' or '\''))
            {
                order.Append(rune.ToString());
                continue;
            }

            // Every escaped character is below U+00A0: one UTF-8 byte, or C2 and then the character itself.
            if (value >= 0x80)
                order.Append("~C2");
            order.Append('~').Append(value.ToString("X2", CultureInfo.InvariantCulture));
        }
        return order.ToString();
    }
}
