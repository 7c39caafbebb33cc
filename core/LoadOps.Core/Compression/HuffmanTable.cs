namespace LoadOps.Core.Compression;

/// <summary>
/// A canonical Huffman code of deflate (RFC 1951 §3.2.2), decoded from the low bits of a bit buffer. Codes of up to
/// <c>fastBits</c> bits are found with one lookup in a table indexed by the next bits (codes are stored bit-reversed,
/// since deflate packs them starting with their first bit in the lowest position); longer ones, which are rare,
/// are decoded bit by bit from the code-length counts. Built once per deflate block and reused between blocks.
/// </summary>
internal sealed class HuffmanTable
{
    /// <summary>The next bits did not hold a whole code (the stream ran out).</summary>
    public const int Truncated = -1;

    /// <summary>The bits are no code of this table (damaged stream).</summary>
    public const int Invalid = -2;

    private const int MaxBits = 15;

    private readonly int _fastBits;
    private readonly int _fastMask;

    /// <summary>Per next-bits pattern: symbol &lt;&lt; 4 | code length; 0 = no code this short starts so (decode slowly).</summary>
    private readonly ushort[] _fast;

    private readonly short[] _counts = new short[MaxBits + 1];
    private readonly short[] _offsets = new short[MaxBits + 2];

    /// <summary>Symbols ordered by code (length, then symbol value), as canonical codes are assigned.</summary>
    private readonly short[] _symbols;

    public HuffmanTable(int maxSymbols, int fastBits)
    {
        _fastBits = fastBits;
        _fastMask = (1 << fastBits) - 1;
        _fast = new ushort[1 << fastBits];
        _symbols = new short[maxSymbols];
    }

    /// <summary>Which codes with fewer codes than their lengths allow (incomplete codes) are accepted.</summary>
    public enum Gaps
    {
        /// <summary>Only a complete code, or none at all: code-length codes.</summary>
        None,

        /// <summary>Also a single one-bit code: literal and distance codes of dynamic blocks, as zlib accepts them.</summary>
        SingleCode,

        /// <summary>Any: the fixed distance code (30 of its 32 five-bit codes are used).</summary>
        Any,
    }

    /// <summary>
    /// Builds the code from each symbol's code length (0 = unused). False when the lengths describe no prefix code
    /// (more codes than the bits allow) or leave gaps <paramref name="gaps"/> does not accept.
    /// </summary>
    public bool Build(ReadOnlySpan<byte> lengths, Gaps gaps)
    {
        Array.Clear(_counts);
        foreach (var length in lengths)
            _counts[length]++;
        _counts[0] = 0;

        var longest = 0;
        var left = 1;
        for (var bits = 1; bits <= MaxBits; bits++)
        {
            left = (left << 1) - _counts[bits];
            if (left < 0)
                return false;
            if (_counts[bits] > 0)
                longest = bits;
        }
        if (left > 0 && longest > 0 && gaps != Gaps.Any && (gaps == Gaps.None || longest != 1))
            return false;

        _offsets[1] = 0;
        for (var bits = 1; bits <= MaxBits; bits++)
            _offsets[bits + 1] = (short)(_offsets[bits] + _counts[bits]);
        Span<short> next = stackalloc short[MaxBits + 2];
        _offsets.CopyTo(next);
        for (var symbol = 0; symbol < lengths.Length; symbol++)
        {
            if (lengths[symbol] != 0)
                _symbols[next[lengths[symbol]]++] = (short)symbol;
        }

        Array.Clear(_fast);
        var code = 0;
        var index = 0;
        for (var bits = 1; bits <= _fastBits; bits++)
        {
            for (var i = 0; i < _counts[bits]; i++, code++)
            {
                var entry = (ushort)((_symbols[index++] << 4) | bits);
                for (var slot = Reverse(code, bits); slot <= _fastMask; slot += 1 << bits)
                    _fast[slot] = entry;
            }
            code <<= 1;
        }
        return true;
    }

    /// <summary>
    /// The symbol whose code starts the low bits of <paramref name="bits"/> (<paramref name="available"/> of them are
    /// real), and its code length in <paramref name="used"/>; or <see cref="Truncated"/> or <see cref="Invalid"/>.
    /// </summary>
    public int Decode(ulong bits, int available, out int used)
    {
        int entry = _fast[(int)bits & _fastMask];
        if (entry != 0)
        {
            used = entry & 0xF;
            return used <= available ? entry >> 4 : Truncated;
        }
        // Longer than the table (or no code at all): walk the canonical code one bit at a time.
        int code = 0, first = 0, index = 0;
        for (var length = 1; length <= MaxBits; length++)
        {
            if (length > available)
            {
                used = 0;
                return Truncated;
            }
            code |= (int)(bits >> (length - 1)) & 1;
            int count = _counts[length];
            if (code - first < count)
            {
                used = length;
                return _symbols[index + code - first];
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        used = 0;
        return Invalid;
    }

    private static int Reverse(int code, int bits)
    {
        var reversed = 0;
        for (var i = 0; i < bits; i++, code >>= 1)
            reversed = (reversed << 1) | (code & 1);
        return reversed;
    }
}
