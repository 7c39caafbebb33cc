namespace LoadOps.Core.Results;

/// <summary>
/// A small inflater for raw deflate data (RFC 1951) that stops as soon as it has produced what is wanted: the
/// histogram encodings this project reads announce a few hundred bytes of counts and then deflate ~190 KB of zero
/// padding, so only the start is ever decoded. Reused per thread (no native stream set up and torn down per
/// histogram, which was most of a merge's reading time). Canonical Huffman codes are decoded bit by bit against
/// per-length counts. Damaged data throws <see cref="InvalidDataException"/>; data that ends early returns what it gave.
/// </summary>
internal sealed class DeflateDecoder
{
    private static readonly short[] LengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
    private static readonly byte[] LengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
    private static readonly int[] DistanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
    private static readonly byte[] DistanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
    private static readonly byte[] CodeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
    private static readonly Huffman FixedLengths = Fixed(288, i => i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8);
    private static readonly Huffman FixedDistances = Fixed(30, _ => 5);

    private readonly Huffman _lengths = new(288);
    private readonly Huffman _distances = new(30);
    private readonly Huffman _codeLengths = new(19);
    private readonly byte[] _codeLengthBuffer = new byte[288 + 32];
    private byte[] _input = [];
    private int _position;
    private int _end;
    private uint _bits;
    private int _bitCount;
    private byte[] _output = new byte[1 << 10];
    private int _written;
    private int _want;
    private Func<ReadOnlySpan<byte>, int>? _more;

    /// <summary>
    /// Inflates <paramref name="input"/>[<paramref name="offset"/>..+<paramref name="length"/>] until <paramref name="want"/>
    /// bytes are out; then <paramref name="more"/> is asked (once) how many bytes are wanted in all, given those.
    /// Returns the output (valid until the next call), shorter than wanted when the data ended first.
    /// </summary>
    public ReadOnlySpan<byte> Inflate(byte[] input, int offset, int length, int want, Func<ReadOnlySpan<byte>, int> more)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(more);
        (_input, _position, _end, _bits, _bitCount, _written, _want, _more) = (input, offset, offset + length, 0, 0, 0, want, more);
        Reserve(want);
        try
        {
            while (true)
            {
                var last = Bits(1);
                var type = Bits(2);
                var full = type switch
                {
                    0 => Stored(),
                    1 => Codes(FixedLengths, FixedDistances),
                    2 => Dynamic(),
                    _ => throw new InvalidDataException("a deflate block of unknown type 3."),
                };
                if (full || last == 1)
                    break;
            }
        }
        catch (EndOfStreamException)
        {
            // The data ended early: what came out so far is the answer (the caller checks lengths).
        }
        _more = null;
        return _output.AsSpan(0, _written);
    }

    /// <summary>Called when the output reached what is wanted: true when that is all, else the want grew (once) and the output with it.</summary>
    private bool Satisfied()
    {
        if (_more is not { } more)
            return true;
        _more = null;
        _want = Math.Max(_want, more(_output.AsSpan(0, _written)));
        Reserve(_want);
        return _written >= _want;
    }

    private void Reserve(int size)
    {
        if (_output.Length < size)
            Array.Resize(ref _output, size);
    }

    private int Bits(int count)
    {
        var value = _bits;
        while (_bitCount < count)
        {
            if (_position >= _end)
                throw new EndOfStreamException();
            value |= (uint)_input[_position++] << _bitCount;
            _bitCount += 8;
        }
        _bits = value >> count;
        _bitCount -= count;
        return (int)(value & ((1u << count) - 1));
    }

    /// <summary>A stored block: returns true once the wanted output is complete (here or earlier in the block).</summary>
    private bool Stored()
    {
        _bits = 0;
        _bitCount = 0;
        if (_position + 4 > _end)
            throw new EndOfStreamException();
        var length = _input[_position] | (_input[_position + 1] << 8);
        var check = _input[_position + 2] | (_input[_position + 3] << 8);
        if (length != (~check & 0xFFFF))
            throw new InvalidDataException("a stored deflate block has a bad length.");
        _position += 4;
        while (length > 0)
        {
            if (_written >= _want && Satisfied())
                return true;
            var take = Math.Min(length, _want - _written);
            if (_position + take > _end)
                throw new EndOfStreamException();
            _input.AsSpan(_position, take).CopyTo(_output.AsSpan(_written));
            _written += take;
            _position += take;
            length -= take;
        }
        return _written >= _want && Satisfied();
    }

    private bool Dynamic()
    {
        var lengthCount = Bits(5) + 257;
        var distanceCount = Bits(5) + 1;
        var codeCount = Bits(4) + 4;
        if (lengthCount > 286 || distanceCount > 30)
            throw new InvalidDataException("a dynamic deflate block declares too many codes.");
        var lengths = _codeLengthBuffer;
        Array.Clear(lengths, 0, 19);
        for (var i = 0; i < codeCount; i++)
            lengths[CodeLengthOrder[i]] = (byte)Bits(3);
        if (_codeLengths.Build(lengths, 19) != 0)
            throw new InvalidDataException("a dynamic deflate block has an incomplete code-length code.");

        var index = 0;
        while (index < lengthCount + distanceCount)
        {
            var symbol = Decode(_codeLengths);
            if (symbol < 16)
            {
                lengths[index++] = (byte)symbol;
                continue;
            }
            byte repeat = 0;
            int times;
            if (symbol == 16)
            {
                if (index == 0)
                    throw new InvalidDataException("a deflate length repeat has nothing to repeat.");
                repeat = lengths[index - 1];
                times = 3 + Bits(2);
            }
            else
                times = symbol == 17 ? 3 + Bits(3) : 11 + Bits(7);
            if (index + times > lengthCount + distanceCount)
                throw new InvalidDataException("a deflate length repeat runs past the end.");
            Array.Fill(lengths, repeat, index, times);
            index += times;
        }
        if (lengths[256] == 0)
            throw new InvalidDataException("a dynamic deflate block has no end-of-block code.");
        // Incomplete codes are allowed only when a single code is used (RFC 1951 3.2.7); over-subscribed never.
        var left = _lengths.Build(lengths, lengthCount);
        if (left < 0 || (left > 0 && lengthCount - _lengths.Count[0] != 1))
            throw new InvalidDataException("a dynamic deflate block has a bad literal/length code.");
        left = _distances.Build(lengths.AsSpan(lengthCount), distanceCount);
        if (left < 0 || (left > 0 && distanceCount - _distances.Count[0] != 1))
            throw new InvalidDataException("a dynamic deflate block has a bad distance code.");
        return Codes(_lengths, _distances);
    }

    private bool Codes(Huffman lengths, Huffman distances)
    {
        var output = _output;
        while (true)
        {
            if (_written >= _want)
            {
                if (Satisfied())
                    return true;
                output = _output;
            }
            var symbol = Decode(lengths);
            if (symbol < 256)
            {
                output[_written++] = (byte)symbol;
                continue;
            }
            if (symbol == 256)
                return _written >= _want && Satisfied();
            symbol -= 257;
            if (symbol >= 29)
                throw new InvalidDataException("a deflate length code is out of range.");
            var length = LengthBase[symbol] + Bits(LengthExtra[symbol]);
            var code = Decode(distances);
            if (code >= 30)
                throw new InvalidDataException("a deflate distance code is out of range.");
            var distance = DistanceBase[code] + Bits(DistanceExtra[code]);
            if (distance > _written)
                throw new InvalidDataException("a deflate distance reaches before the start.");
            while (length > 0)
            {
                if (_written >= _want)
                {
                    if (Satisfied())
                        return true;
                    output = _output;
                }
                var take = Math.Min(length, _want - _written);
                for (var i = 0; i < take; i++, _written++)
                    output[_written] = output[_written - distance];
                length -= take;
            }
        }
    }

    private int Decode(Huffman huffman)
    {
        int code = 0, first = 0, index = 0;
        for (var length = 1; length < 16; length++)
        {
            code |= Bits(1);
            var count = huffman.Count[length];
            if (code - count < first)
                return huffman.Symbol[index + (code - first)];
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        throw new InvalidDataException("a deflate code is not in its table.");
    }

    private static Huffman Fixed(int count, Func<int, int> length)
    {
        var huffman = new Huffman(count);
        huffman.Build([.. Enumerable.Range(0, count).Select(i => (byte)length(i))], count);
        return huffman;
    }

    /// <summary>A canonical Huffman code: how many codes of each length, and the symbols in code order.</summary>
    private sealed class Huffman(int symbols)
    {
        public short[] Count { get; } = new short[16];
        public short[] Symbol { get; } = new short[symbols];
        private readonly short[] _offsets = new short[16];

        /// <summary>Returns 0 for a complete code, more than 0 for an incomplete one, less than 0 when over-subscribed.</summary>
        public int Build(ReadOnlySpan<byte> lengths, int n)
        {
            Array.Clear(Count);
            for (var i = 0; i < n; i++)
                Count[lengths[i]]++;
            if (Count[0] == n)
                return 0;
            var left = 1;
            for (var length = 1; length < 16; length++)
            {
                left = (left << 1) - Count[length];
                if (left < 0)
                    return left;
            }
            _offsets[1] = 0;
            for (var length = 1; length < 15; length++)
                _offsets[length + 1] = (short)(_offsets[length] + Count[length]);
            for (var i = 0; i < n; i++)
            {
                if (lengths[i] != 0)
                    Symbol[_offsets[lengths[i]]++] = (short)i;
            }
            return left;
        }
    }
}
