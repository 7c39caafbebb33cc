using System.Text.Json;

namespace LoadOps.Core.Results;

/// <summary>
/// Passes over the intervals of a snapshot that were merged from its shard's earlier one by their bytes alone, without
/// the JSON reader's tokens: each object's end is found by a scan that knows only braces and strings, its start is read
/// from its first property (as LoadOps writes it), and its bytes go to the digest (<see cref="SnapshotRead"/>) exactly
/// as the reader would have given them. The reader then goes on after the last one skipped, from the state it had at
/// the end of the interval before (the same state: just after an object, in the same array). Anything unexpected stops
/// the skipping, and the reader reads on as usual.
/// </summary>
internal static class MergedIntervals
{
    /// <summary>After an interval object the reader has just ended: skips the merged ones that follow; true when any was.</summary>
    public static bool Skip(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, JsonPosition at, SnapshotRead seen)
    {
        var position = at.Offset + (int)reader.BytesConsumed;
        var skipped = false;
        while (NextObject(json, position) is var begin and >= 0 && ObjectEnd(json, begin) is var end and > 0
            && FirstStart(json[begin..end]) is { } start && seen.WasMerged(start))
        {
            seen.Interval(start, json[begin..end]);
            at.Interval++;
            position = end;
            skipped = true;
        }
        if (skipped)
        {
            reader = new Utf8JsonReader(json[position..], isFinalBlock: true, reader.CurrentState);
            at.Offset = position;
        }
        return skipped;
    }

    /// <summary>Where the next element's '{' is after a comma, or -1 when the array ends there (or anything else comes).</summary>
    private static int NextObject(ReadOnlySpan<byte> json, int position)
    {
        var comma = Whitespace(json, position);
        if (comma >= json.Length || json[comma] != (byte)',')
            return -1;
        var brace = Whitespace(json, comma + 1);
        return brace < json.Length && json[brace] == (byte)'{' ? brace : -1;
    }

    private static int Whitespace(ReadOnlySpan<byte> json, int position)
    {
        while (position < json.Length && json[position] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
            position++;
        return position;
    }

    /// <summary>Just past the '}' closing the object at <paramref name="begin"/>, or -1 when the bytes end first.</summary>
    private static int ObjectEnd(ReadOnlySpan<byte> json, int begin)
    {
        var depth = 0;
        var i = begin;
        while (i < json.Length)
        {
            var next = json[i..].IndexOfAny((byte)'{', (byte)'}', (byte)'"');
            if (next < 0)
                return -1;
            i += next;
            switch (json[i])
            {
                case (byte)'"':
                    i = StringEnd(json, i + 1);
                    if (i < 0)
                        return -1;
                    break;
                case (byte)'{':
                    depth++;
                    i++;
                    break;
                default:
                    i++;
                    if (--depth == 0)
                        return i;
                    break;
            }
        }
        return -1;
    }

    /// <summary>Just past the quote closing a string whose content starts at <paramref name="i"/>; -1 when none does.</summary>
    private static int StringEnd(ReadOnlySpan<byte> json, int i)
    {
        while (i < json.Length)
        {
            var next = json[i..].IndexOfAny((byte)'"', (byte)'\\');
            if (next < 0)
                return -1;
            i += next;
            if (json[i] == (byte)'"')
                return i + 1;
            i += 2; // an escaped character, whatever it is
        }
        return -1;
    }

    /// <summary>The object's start in UTC ticks when its first property is "start"; null otherwise.</summary>
    private static long? FirstStart(ReadOnlySpan<byte> interval)
    {
        var reader = new Utf8JsonReader(interval);
        return reader.Read() && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("start"u8)
            && reader.Read() && reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var start)
            ? start.UtcTicks
            : null;
    }
}
