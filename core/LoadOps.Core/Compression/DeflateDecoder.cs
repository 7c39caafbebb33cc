using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace LoadOps.Core.Compression;

/// <summary>
/// Decodes raw deflate (RFC 1951) into a caller's buffer and stops as soon as the bytes asked for are out, resuming
/// where it stopped on the next call. One decoder is reused for many short streams: a <c>DeflateStream</c> sets up
/// native zlib state per stream, which cost more than decoding the few hundred bytes a merge needs of a histogram.
/// Behaves as zlib does: the same bytes for every valid stream; a stream that ends early just stops giving bytes;
/// damage zlib refuses is a <see cref="FormatException"/> (its message names the damage as zlib does). The dynamic
/// block header is read in <c>DeflateDecoder.DynamicBlock.cs</c>.
/// </summary>
internal sealed partial class DeflateDecoder
{
    private enum State { BlockHeader, Stored, Huffman, Done }

    private readonly HuffmanTable _literals = new(288, 10);
    private readonly HuffmanTable _distances = new(30, 8);
    private readonly HuffmanTable _codeLengths = new(19, 7);
    private readonly byte[] _lengths = new byte[288 + 32];

    private byte[] _input = [];
    private int _position;
    private int _end;
    private ulong _bits;
    private int _count;
    private State _state;
    private bool _final;
    private HuffmanTable _literalCode = DeflateAlphabet.FixedLiterals;
    private HuffmanTable _distanceCode = DeflateAlphabet.FixedDistances;
    private int _copyLength;
    private int _copyDistance;

    /// <summary>Starts a new stream: <paramref name="length"/> bytes of <paramref name="input"/> from <paramref name="offset"/> (kept, not copied).</summary>
    public void Reset(byte[] input, int offset, int length)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, input.Length - offset);
        _input = input;
        _position = offset;
        _end = offset + length;
        _bits = 0;
        _count = 0;
        _state = State.BlockHeader;
        _final = false;
        _copyLength = 0;
    }

    /// <summary>
    /// Writes decoded bytes to <paramref name="output"/> from <paramref name="written"/> (the bytes before it are what
    /// earlier calls wrote: back-references read them) up to <paramref name="end"/>, fewer when the stream ends or
    /// runs out. Returns the new count written.
    /// </summary>
    public int Inflate(byte[] output, int written, int end)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, output.Length);
        while (written < end && _state != State.Done)
        {
            written = _state switch
            {
                State.BlockHeader => BlockHeader(written),
                State.Stored => Stored(output, written, end),
                _ => Huffman(output, written, end),
            };
        }
        return written;
    }

    private int BlockHeader(int written)
    {
        if (_final || !Need(3))
            return Stop(written);
        _final = Take(1) == 1;
        switch (Take(2))
        {
            case 0:
                // Stored: skip to a byte boundary, then LEN and its complement.
                Take(_count & 7);
                if (!Need(32))
                    return Stop(written);
                var length = (int)Take(16);
                if (length != (int)(~Take(16) & 0xFFFF))
                    throw Damaged("invalid stored block lengths");
                _copyLength = length;
                _state = State.Stored;
                break;
            case 1:
                _literalCode = DeflateAlphabet.FixedLiterals;
                _distanceCode = DeflateAlphabet.FixedDistances;
                _state = State.Huffman;
                break;
            case 2:
                if (!DynamicCodes())
                    return Stop(written);
                _literalCode = _literals;
                _distanceCode = _distances;
                _state = State.Huffman;
                break;
            default:
                throw Damaged("invalid block type");
        }
        return written;
    }

    private int Stored(byte[] output, int written, int end)
    {
        // Whole bytes may still sit in the bit buffer; use them first.
        while (_copyLength > 0 && written < end && _count >= 8)
        {
            output[written++] = (byte)Take(8);
            _copyLength--;
        }
        if (_count > 0)
        {
            // The block ended inside the bit buffer, or the caller has all it asked for.
            if (_copyLength == 0)
                _state = State.BlockHeader;
            return written;
        }
        // Bits loaded ahead are the input's next bytes; copied straight from the input below, they would be stale.
        _bits = 0;
        var chunk = Math.Min(Math.Min(_copyLength, end - written), _end - _position);
        _input.AsSpan(_position, chunk).CopyTo(output.AsSpan(written));
        _position += chunk;
        written += chunk;
        _copyLength -= chunk;
        if (_copyLength == 0)
            _state = State.BlockHeader;
        else if (written < end)
            return Stop(written);
        return written;
    }

    /// <summary>
    /// The hot loop (a histogram is a few hundred symbols): the bit buffer lives in locals, is refilled eight bytes at
    /// a time while the input has them, and codes are looked up in the tables' fast part inline.
    /// </summary>
    private int Huffman(byte[] output, int written, int end)
    {
        int position = _position, count = _count;
        var bits = _bits;
        var literals = _literalCode;
        var distances = _distanceCode;
        while (written < end)
        {
            if (_copyLength > 0)
            {
                var stop = Math.Min(end, written + _copyLength);
                _copyLength -= stop - written;
                for (var from = written - _copyDistance; written < stop; written++, from++)
                    output[written] = output[from];
                continue;
            }
            Refill(ref bits, ref count, ref position);
            int used;
            var entry = literals.Lookup(bits);
            var symbol = entry != 0 && (used = entry & 0xF) <= count ? entry >> 4 : literals.Decode(bits, count, out used);
            if (symbol < 0)
            {
                if (symbol == HuffmanTable.Invalid)
                    throw Damaged("invalid literal/length code");
                return Save(written, position, bits, count, stopped: true);
            }
            if (symbol < 256)
            {
                bits >>= used;
                count -= used;
                output[written++] = (byte)symbol;
                continue;
            }
            if (symbol == 256)
            {
                _state = State.BlockHeader;
                return Save(written, position, bits >> used, count - used, stopped: false);
            }
            if (symbol > 285)
                throw Damaged("invalid literal/length code");
            var lengthIndex = symbol - 257;
            int lengthExtra = DeflateAlphabet.LengthExtra[lengthIndex];
            if (used + lengthExtra > count)
                return Save(written, position, bits, count, stopped: true);
            bits >>= used;
            count -= used;
            var length = DeflateAlphabet.LengthBase[lengthIndex] + (int)(bits & ((1UL << lengthExtra) - 1));
            bits >>= lengthExtra;
            count -= lengthExtra;
            var distanceSymbol = distances.Decode(bits, count, out used);
            if (distanceSymbol == HuffmanTable.Truncated)
                return Save(written, position, bits, count, stopped: true);
            if (distanceSymbol is HuffmanTable.Invalid or >= 30)
                throw Damaged("invalid distance code");
            int distanceExtra = DeflateAlphabet.DistanceExtra[distanceSymbol];
            if (used + distanceExtra > count)
                return Save(written, position, bits, count, stopped: true);
            bits >>= used;
            count -= used;
            var distance = DeflateAlphabet.DistanceBase[distanceSymbol] + (int)(bits & ((1UL << distanceExtra) - 1));
            bits >>= distanceExtra;
            count -= distanceExtra;
            if (distance > written)
                throw Damaged("invalid distance too far back");
            _copyLength = length;
            _copyDistance = distance;
        }
        return Save(written, position, bits, count, stopped: false);
    }

    private int Save(int written, int position, ulong bits, int count, bool stopped)
    {
        _position = position;
        _bits = bits;
        _count = count;
        return stopped ? Stop(written) : written;
    }

    /// <summary>Fills a bit buffer held in locals to at least 56 bits, or with what the input has left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Refill(ref ulong bits, ref int count, ref int position)
    {
        if (_end - position >= 8)
        {
            // Bits loaded beyond the count are the stream's next bits, so loading them again later changes nothing.
            bits |= BinaryPrimitives.ReadUInt64LittleEndian(_input.AsSpan(position)) << count;
            position += (63 - count) >> 3;
            count |= 56;
            return;
        }
        for (; count <= 56 && position < _end; count += 8)
            bits |= (ulong)_input[position++] << count;
    }

    /// <summary>Fills the bit buffer to at least <paramref name="bits"/> bits (≤ 56) if the input holds them.</summary>
    private bool Need(int bits)
    {
        while (_count < bits && _position < _end)
        {
            _bits |= (ulong)_input[_position++] << _count;
            _count += 8;
        }
        return _count >= bits;
    }

    private uint Take(int bits)
    {
        var value = (uint)(_bits & ((1UL << bits) - 1));
        _bits >>= bits;
        _count -= bits;
        return value;
    }

    /// <summary>The input ran out (or the last block ended): no more bytes will come, as from a stream at its end.</summary>
    private int Stop(int written)
    {
        _state = State.Done;
        return written;
    }

    private static FormatException Damaged(string what) => new($"deflate data {what}.");
}
