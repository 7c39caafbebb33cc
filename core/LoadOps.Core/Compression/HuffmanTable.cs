using System.Runtime.CompilerServices;

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

    /// <summary>While building: where the next symbol of each code length goes in <see cref="_symbols"/>.</summary>
    private readonly short[] _next = new short[MaxBits + 2];

    /// <summary>Symbols ordered by code (length, then symbol value), as canonical codes are assigned.</summary>
    private readonly short[] _symbols;

    public HuffmanTable(int maxSymbols, int fastBits)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fastBits, ReversedBits);
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
        // Built once per block, i.e. once or more per histogram: arrays in locals, no stackalloc (which would keep
        // the method from being recompiled with the runtime's profile), one pass per step.
        var counts = _counts.AsSpan();
        counts.Clear();
        foreach (var length in lengths)
            counts[length]++;
        counts[0] = 0;

        var longest = 0;
        var left = 1;
        for (var bits = 1; bits <= MaxBits; bits++)
        {
            left = (left << 1) - counts[bits];
            if (left < 0)
                return false;
            if (counts[bits] > 0)
                longest = bits;
        }
        if (left > 0 && longest > 0 && gaps != Gaps.Any && (gaps == Gaps.None || longest != 1))
            return false;

        var next = _next.AsSpan();
        next[1] = 0;
        for (var bits = 1; bits <= MaxBits; bits++)
            next[bits + 1] = (short)(next[bits] + counts[bits]);
        var symbols = _symbols.AsSpan();
        for (var symbol = 0; symbol < lengths.Length; symbol++)
        {
            int length = lengths[symbol];
            if (length != 0)
                symbols[next[length]++] = (short)symbol;
        }

        var fast = _fast.AsSpan();
        fast.Clear();
        var reversed = Reversed.AsSpan();
        int code = 0, index = 0;
        for (var bits = 1; bits <= _fastBits; bits++)
        {
            int step = 1 << bits, shift = ReversedBits - bits;
            for (var end = index + counts[bits]; index < end; index++, code++)
            {
                var entry = (ushort)((symbols[index] << 4) | bits);
                for (var slot = reversed[code] >> shift; slot < fast.Length; slot += step)
                    fast[slot] = entry;
            }
            code <<= 1;
        }
        return true;
    }

    /// <summary>
    /// The fast part of <see cref="Decode"/>: symbol &lt;&lt; 4 | code length of the code the low bits start, or 0 when
    /// that code is longer than the table (then call <see cref="Decode"/>). The length may exceed the bits available.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Lookup(ulong bits) => _fast[(int)bits & _fastMask];

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

    private const int ReversedBits = 10;

    /// <summary>Each 10-bit number with its bits in reverse order.</summary>
    private static readonly ushort[] Reversed = ReverseAll();

    private static ushort[] ReverseAll()
    {
        var reversed = new ushort[1 << ReversedBits];
        for (var i = 0; i < reversed.Length; i++)
        {
            var r = 0;
            for (var b = 0; b < ReversedBits; b++)
                r |= ((i >> b) & 1) << (ReversedBits - 1 - b);
            reversed[i] = (ushort)r;
        }
        return reversed;
    }
}
