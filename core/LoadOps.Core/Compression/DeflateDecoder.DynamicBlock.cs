namespace LoadOps.Core.Compression;

/// <summary>The header of a dynamic Huffman block (RFC 1951 §3.2.7): the code lengths of its two codes, themselves coded.</summary>
internal sealed partial class DeflateDecoder
{
    /// <summary>Reads a dynamic block's code lengths and builds its two codes; false when the stream ran out.</summary>
    private bool DynamicCodes()
    {
        if (!Need(14))
            return false;
        var literals = (int)Take(5) + 257;
        var distances = (int)Take(5) + 1;
        var lengthCodes = (int)Take(4) + 4;
        if (literals > 286 || distances > 30)
            throw Damaged("too many length or distance symbols");
        var lengths = _lengths.AsSpan(0, 19);
        lengths.Clear();
        for (var i = 0; i < lengthCodes; i++)
        {
            if (!Need(3))
                return false;
            lengths[DeflateAlphabet.CodeLengthOrder[i]] = (byte)Take(3);
        }
        if (!_codeLengths.Build(lengths, HuffmanTable.Gaps.None))
            throw Damaged("invalid code lengths set");

        var all = _lengths.AsSpan(0, literals + distances);
        // A few hundred coded lengths per block: the bit buffer in locals, as in the Huffman loop.
        var bits = _bits;
        var count = _count;
        var position = _position;
        for (var n = 0; n < all.Length;)
        {
            Refill(ref bits, ref count, ref position);
            // Code-length codes are at most 7 bits: the table's fast part always holds them.
            int used;
            var entry = _codeLengths.Lookup(bits);
            var symbol = entry != 0 && (used = entry & 0xF) <= count ? entry >> 4 : _codeLengths.Decode(bits, count, out used);
            if (symbol == HuffmanTable.Truncated)
                return false;
            if (symbol == HuffmanTable.Invalid)
                throw Damaged("invalid code lengths set");
            bits >>= used;
            count -= used;
            if (symbol < 16)
            {
                all[n++] = (byte)symbol;
                continue;
            }
            var (extra, minimum) = symbol switch { 16 => (2, 3), 17 => (3, 3), _ => (7, 11) };
            if (count < extra)
                return false;
            if (symbol == 16 && n == 0)
                throw Damaged("invalid bit length repeat");
            var repeated = symbol == 16 ? all[n - 1] : (byte)0;
            var times = minimum + (int)(bits & ((1UL << extra) - 1));
            bits >>= extra;
            count -= extra;
            if (n + times > all.Length)
                throw Damaged("invalid bit length repeat");
            all.Slice(n, times).Fill(repeated);
            n += times;
        }
        _bits = bits;
        _count = count;
        _position = position;
        if (all[256] == 0)
            throw Damaged("invalid code -- missing end-of-block");
        if (!_literals.Build(all[..literals], HuffmanTable.Gaps.SingleCode))
            throw Damaged("invalid literal/lengths set");
        if (!_distances.Build(all[literals..], HuffmanTable.Gaps.SingleCode))
            throw Damaged("invalid distances set");
        return true;
    }
}
