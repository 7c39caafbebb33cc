using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;
using LoadOps.Core.Compression;

namespace LoadOps.Core.Results;

/// <summary>
/// Reads HdrHistogram's V2 compressed encoding without building a full histogram (a full one is ~180 KB of counts;
/// a merge of thousands of shards would churn gigabytes). Layout: cookie, compressed length, then deflate of: cookie,
/// payload length, normalizing offset, significant digits, lowest, highest (8 bytes each), conversion ratio, then
/// ZigZag LEB128 counts where a negative number is a run of empty slots. <see cref="Stage"/> checks an encoding and
/// keeps its counts bytes; <see cref="AddCounts"/> adds them to a running sum. Any other shape is decoded by the
/// library and re-encoded in the standard one.
/// </summary>
internal static class CompressedHistogramReader
{
    private const int HeaderLength = 40;
    private const int RangeLength = 8;

    /// <summary>At most 9 bytes per slot of the shape: anything longer is damaged, not a histogram.</summary>
    private static readonly int MaxPayload = 9 * HistogramShape.SlotCount;

    /// <summary>
    /// Checks an encoded histogram and appends its counts (the standard shape's ZigZag LEB128 counts, ~1 byte per
    /// slot in use) to <paramref name="into"/>; returns where they start. Throws <see cref="FormatException"/> when it
    /// is damaged, leaving <paramref name="into"/> as it was. Add them later with <see cref="AddCounts"/>.
    /// </summary>
    public static int Stage(string base64, ByteList into)
    {
        ArgumentNullException.ThrowIfNull(base64);
        ArgumentNullException.ThrowIfNull(into);
        var bytes = t_base64 ??= new byte[1 << 12];
        if (bytes.Length < base64.Length)
            t_base64 = bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64Chars(base64, bytes, out var written))
            throw new FormatException("The latency histogram is not valid base64.");
        return Stage(bytes, written, base64, into);
    }

    /// <summary>
    /// As <see cref="Stage(string, ByteList)"/>, from the UTF-8 bytes of the base64 text as a JSON reader holds them
    /// (unescaped): decoded straight from the bytes, no string is made unless the encoding is not the standard shape.
    /// </summary>
    public static int Stage(ReadOnlySpan<byte> utf8Base64, ByteList into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var bytes = t_base64 ??= new byte[1 << 12];
        var needed = Base64.GetMaxDecodedFromUtf8Length(utf8Base64.Length);
        if (bytes.Length < needed)
            t_base64 = bytes = new byte[needed];
        // Anything the strict decoder refuses (whitespace inside, bad characters) takes the lenient string path, which names the damage.
        return Base64.DecodeFromUtf8(utf8Base64, bytes, out _, out var written) == OperationStatus.Done
            ? Stage(bytes, written, null, into)
            : Stage(Encoding.UTF8.GetString(utf8Base64), into);
    }

    private static int Stage(byte[] decoded, int length, string? base64, ByteList into)
    {
        var start = into.Count;
        if (TryRead(decoded, length, out var counts, out var slots))
        {
            Append(into, counts, slots);
            return start;
        }
        base64 ??= Convert.ToBase64String(decoded, 0, length);
        // Not our standard shape (written by another tool): let the library decode it, then re-encode in the standard one.
        var histogram = HistogramCodec.Decode(base64);
        var standard = new SparseHistogram();
        foreach (var slot in histogram.RecordedValues())
            standard.Add(HistogramShape.IndexOf(slot.ValueIteratedTo), slot.CountAtValueIteratedTo);
        var encoded = Convert.FromBase64String(standard.Encode());
        if (!TryRead(encoded, encoded.Length, out counts, out slots))
            throw new InvalidOperationException("The standard encoding was not read back as the standard shape.");
        Append(into, counts, slots);
        return start;
    }

    /// <summary>
    /// Staged form: the lowest and one past the highest non-empty slot (found while checking, so adding need not
    /// walk the counts twice), then the counts.
    /// </summary>
    private static void Append(ByteList into, ReadOnlySpan<byte> counts, (int Low, int High) slots)
    {
        Span<byte> range = stackalloc byte[RangeLength];
        BinaryPrimitives.WriteInt32LittleEndian(range, slots.Low);
        BinaryPrimitives.WriteInt32LittleEndian(range[4..], slots.High);
        into.Append(range);
        into.Append(counts);
    }

    /// <summary>Adds counts staged by <see cref="Stage"/> (already checked) to <paramref name="sum"/>.</summary>
    public static void AddCounts(ReadOnlySpan<byte> staged, SparseHistogram sum)
    {
        ArgumentNullException.ThrowIfNull(sum);
        sum.Reserve(BinaryPrimitives.ReadInt32LittleEndian(staged), BinaryPrimitives.ReadInt32LittleEndian(staged[4..]));
        sum.AddChecked(staged[RangeLength..]);
    }

    /// <summary>False when the payload is not in the standard shape; throws <see cref="FormatException"/> when damaged.</summary>
    private static bool TryRead(byte[] bytes, int written, out ReadOnlySpan<byte> counts, out (int Low, int High) slots)
    {
        counts = default;
        slots = default;
        if (written < 10)
            throw new FormatException("The latency histogram is damaged: too short.");

        var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4));
        if (length <= 0 || length > written - 8)
            throw new FormatException("The latency histogram is damaged: bad compressed length.");

        var span = Inflate(bytes, 8, length);
        if (span.Length < HeaderLength)
            throw new FormatException("The latency histogram is damaged: header cut short.");

        var payloadLength = BinaryPrimitives.ReadInt32BigEndian(span[4..]);
        var normalizingOffset = BinaryPrimitives.ReadInt32BigEndian(span[8..]);
        var digits = BinaryPrimitives.ReadInt32BigEndian(span[12..]);
        var lowest = BinaryPrimitives.ReadInt64BigEndian(span[16..]);
        if (normalizingOffset != 0 || digits != HistogramCodec.SignificantDigits || lowest != HistogramCodec.LowestTrackable)
            return false;
        if (payloadLength < 0 || payloadLength > span.Length - HeaderLength)
            throw new FormatException("The latency histogram is damaged: counts cut short.");

        counts = span.Slice(HeaderLength, payloadLength);
        slots = Check(counts);
        return true;
    }

    /// <summary>
    /// Walks the counts to check them; returns the lowest and one past the highest non-empty slot (empty: 0, 0).
    /// Throws <see cref="FormatException"/> when they are damaged.
    /// </summary>
    private static (int Low, int High) Check(ReadOnlySpan<byte> counts)
    {
        int position = 0, index = 0, low = -1, high = 0;
        while (position < counts.Length)
        {
            ulong raw = counts[position++];
            if (raw >= 0x80)
                raw = ReadLong(counts, ref position, raw);
            var value = (long)(raw >> 1) ^ -(long)(raw & 1);
            if (value < 0)
            {
                if (value < -int.MaxValue || index - value > int.MaxValue)
                    throw new FormatException("The latency histogram is damaged: a run of zeros is too long.");
                index += (int)-value;
                continue;
            }
            if (index >= HistogramShape.SlotCount)
                throw new FormatException("The latency histogram is damaged: a value lies beyond the 1-hour range.");
            if (value > 0)
            {
                low = low < 0 ? index : low;
                high = index + 1;
            }
            index++;
        }
        return low < 0 ? (0, 0) : (low, high);
    }

    /// <summary>The rest of a LEB128-64 number whose first byte (<paramref name="raw"/>) had its high bit set.</summary>
    private static ulong ReadLong(ReadOnlySpan<byte> counts, ref int position, ulong raw)
    {
        raw &= 0x7F;
        var shift = 7;
        byte b;
        do
        {
            if (position >= counts.Length)
                throw new FormatException("The latency histogram is damaged: a count is cut short.");
            b = counts[position++];
            raw |= (ulong)(b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0 && shift < 56);
        if ((b & 0x80) != 0)
        {
            // The ninth byte of LEB128-64 carries all 8 bits.
            if (position >= counts.Length)
                throw new FormatException("The latency histogram is damaged: a count is cut short.");
            raw |= (ulong)counts[position++] << 56;
        }
        return raw;
    }

    [ThreadStatic]
    private static byte[]? t_buffer;

    [ThreadStatic]
    private static byte[]? t_base64;

    [ThreadStatic]
    private static DeflateDecoder? t_decoder;

    /// <summary>
    /// Inflates the header and the counts into a reused per-thread buffer (valid until the next call on this thread),
    /// and no further: the library compresses its whole ~190 KB buffer, so all but the first few hundred bytes of the
    /// stream are padding zeros. Reading only what the header announces is what makes a decode cost microseconds, and
    /// a decoder reused between histograms (no zlib state set up per histogram) what keeps it at one or two.
    /// </summary>
    private static ReadOnlySpan<byte> Inflate(byte[] bytes, int offset, int length)
    {
        // zlib framing (Java's Deflater, this library) starts with a 2-byte header whose value is a multiple of 31.
        if (length >= 2 && (bytes[offset] & 0x0F) == 8 && ((bytes[offset] << 8) | bytes[offset + 1]) % 31 == 0)
        {
            offset += 2;
            length -= 2;
        }
        var buffer = t_buffer ??= new byte[1 << 12];
        var decoder = t_decoder ??= new DeflateDecoder();
        decoder.Reset(bytes, offset, length);
        try
        {
            var total = decoder.Inflate(buffer, 0, HeaderLength);
            if (total < HeaderLength)
                return buffer.AsSpan(0, total);
            var payload = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(4));
            if (payload < 0 || payload > MaxPayload)
                throw new FormatException("bad counts length.");
            if (buffer.Length < HeaderLength + payload)
            {
                Array.Resize(ref buffer, HeaderLength + payload);
                t_buffer = buffer;
            }
            total = decoder.Inflate(buffer, total, HeaderLength + payload);
            return buffer.AsSpan(0, total);
        }
        catch (FormatException e)
        {
            throw new FormatException("The latency histogram is damaged: " + e.Message, e);
        }
    }
}
