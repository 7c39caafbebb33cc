using HdrHistogram;
using HdrHistogram.Utilities;

namespace LoadOps.Core.Results;

/// <summary>
/// Latency histograms in microseconds, stored as base64 of HdrHistogram's V2 compressed encoding.
/// One fixed shape for every histogram so that any two can be added exactly.
/// </summary>
public static class HistogramCodec
{
    /// <summary>1 µs .. 1 hour at 3 significant digits: 0.1% value precision.</summary>
    public const long LowestTrackable = 1;
    public const long HighestTrackable = 3_600_000_000;
    public const int SignificantDigits = 3;

    public static LongHistogram Create() => new(LowestTrackable, HighestTrackable, SignificantDigits);

    /// <summary>
    /// The histogram as a shard's result carries it: the library's payload (header and counts), but deflated by
    /// <see cref="CompressedHistogramWriter"/> rather than the library, which compresses its whole ~190 KB buffer
    /// (most of it padding) and always Huffman-codes it. Small payloads are stored (<see cref="HistogramPacking.FastToMerge"/>),
    /// so a merge of thousands of shards decodes them at memory speed. Any HdrHistogram V2 decoder reads it.
    /// </summary>
    public static string Encode(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var slots = new SparseHistogram();
        // A slot's lowest value, as the library's Add re-shapes: a histogram of another shape lands where Decode would put it.
        foreach (var slot in histogram.RecordedValues())
            slots.Add(HistogramShape.IndexOf(histogram.LowestEquivalentValue(slot.ValueIteratedTo)), slot.CountAtValueIteratedTo);
        return slots.Encode(HistogramPacking.FastToMerge);
    }

    /// <summary>Decodes a histogram written by <see cref="Encode"/>; throws <see cref="FormatException"/> on damaged data.</summary>
    public static LongHistogram Decode(string base64)
    {
        try
        {
            var bytes = Convert.FromBase64String(base64);
            var decoded = HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(bytes), 0);
            // Re-shape into the standard range so additions never overflow a narrower decoded histogram.
            var histogram = Create();
            histogram.Add(decoded);
            return histogram;
        }
        catch (Exception e) when (e is not FormatException and not OutOfMemoryException)
        {
            throw new FormatException("The latency histogram is damaged: " + e.Message, e);
        }
    }

    /// <summary>The encoding of an empty histogram, for intervals where nothing completed.</summary>
    public static string Empty { get; } = Encode(Create());
}
