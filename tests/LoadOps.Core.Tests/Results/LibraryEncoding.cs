using HdrHistogram;
using HdrHistogram.Utilities;

namespace LoadOps.Core.Tests.Results;

/// <summary>
/// A histogram encoded by the HdrHistogram library itself, as runners before the stored packing wrote shard results
/// (and as other tools write them): its whole counts buffer, Huffman-coded in dynamic blocks.
/// </summary>
internal static class LibraryEncoding
{
    public static string Of(HistogramBase histogram)
    {
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        var length = histogram.EncodeIntoCompressedByteBuffer(buffer);
        var bytes = new byte[length];
        buffer.Position = 0;
        for (var i = 0; i < length; i++)
            bytes[i] = buffer.Get();
        return Convert.ToBase64String(bytes);
    }
}
