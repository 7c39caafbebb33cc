using HdrHistogram;
using HdrHistogram.Utilities;

namespace LoadOps.Testing;

/// <summary>
/// A histogram encoded by the HdrHistogram library itself, as runners before the stored packing wrote shard results
/// (and as other tools write them): its whole counts buffer, Huffman-coded in dynamic blocks. For tests and benchmarks
/// that need such inputs; the product writes its own (<c>HistogramCodec.Encode</c>).
/// </summary>
public static class LibraryEncoding
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
