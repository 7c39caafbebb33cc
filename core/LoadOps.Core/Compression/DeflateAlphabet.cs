namespace LoadOps.Core.Compression;

/// <summary>The fixed parts of deflate (RFC 1951 §3.2.5–3.2.7): lengths and distances by symbol, and the fixed codes.</summary>
internal static class DeflateAlphabet
{
    /// <summary>Match length of length symbols 257..285, before their extra bits.</summary>
    public static readonly ushort[] LengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];

    public static readonly byte[] LengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];

    /// <summary>Distance of distance symbols 0..29, before their extra bits.</summary>
    public static readonly ushort[] DistanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];

    public static readonly byte[] DistanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

    /// <summary>The order in which a dynamic block lists the code lengths of its code-length code.</summary>
    public static readonly byte[] CodeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

    /// <summary>The literal/length code of fixed blocks: 8, 9, 7 and 8 bits by symbol range.</summary>
    public static readonly HuffmanTable FixedLiterals = Fixed(288, 9, i => i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8);

    /// <summary>The distance code of fixed blocks: 5 bits each (symbols 30 and 31 are no distance).</summary>
    public static readonly HuffmanTable FixedDistances = Fixed(30, 5, _ => 5);

    private static HuffmanTable Fixed(int symbols, int fastBits, Func<int, int> length)
    {
        var lengths = new byte[symbols];
        for (var i = 0; i < symbols; i++)
            lengths[i] = (byte)length(i);
        var table = new HuffmanTable(symbols, fastBits);
        if (!table.Build(lengths, HuffmanTable.Gaps.Any))
            throw new InvalidOperationException("The fixed deflate codes are not a prefix code.");
        return table;
    }
}
