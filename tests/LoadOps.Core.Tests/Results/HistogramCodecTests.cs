using LoadOps.Core.Results;
using LoadOps.Testing;

namespace LoadOps.Core.Tests.Results;

public sealed class HistogramCodecTests
{
    [Fact]
    public void Round_trips_counts_and_percentiles()
    {
        var histogram = HistogramCodec.Create();
        for (var v = 1; v <= 10_000; v++)
            histogram.RecordValue(v * 37L);

        var decoded = HistogramCodec.Decode(HistogramCodec.Encode(histogram));

        Assert.Equal(histogram.TotalCount, decoded.TotalCount);
        Assert.Equal(histogram.GetValueAtPercentile(95), decoded.GetValueAtPercentile(95));
        Assert.Equal(histogram.GetValueAtPercentile(99.9), decoded.GetValueAtPercentile(99.9));
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(5_000, false)]
    public void Shard_histograms_are_stored_when_small_and_read_alike_by_the_library_and_the_merge(int latencies, bool stored)
    {
        var random = new Random(latencies);
        var histogram = HistogramCodec.Create();
        for (var i = 0; i < latencies; i++)
            histogram.RecordValue(ResultFiles.SkewedLatency(random));

        var encoded = Convert.FromBase64String(HistogramCodec.Encode(histogram));

        // Cookie, compressed length, 2-byte zlib header, then the first block's type: 00 is stored (uncompressed).
        Assert.Equal(stored, ((encoded[10] >> 1) & 3) == 0);
        var byLibrary = HistogramCodec.Decode(Convert.ToBase64String(encoded));
        Assert.Equal(histogram.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)),
            byLibrary.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)));
        // A shard result an older runner wrote (the library's own encoding) adds to the very same counts.
        var ours = new SparseHistogram();
        ours.AddEncoded(Convert.ToBase64String(encoded));
        var older = new SparseHistogram();
        older.AddEncoded(LibraryEncoding.Of(histogram));
        Assert.Equal(older.Encode(), ours.Encode());
        Assert.Equal(histogram.TotalCount, ours.TotalCount);
    }

    [Fact]
    public void Empty_decodes_to_no_samples() => Assert.Equal(0, HistogramCodec.Decode(HistogramCodec.Empty).TotalCount);

    [Theory]
    [InlineData("not base64 !!")]
    [InlineData("AAAA")]
    public void Damaged_data_is_a_format_error(string text) =>
        Assert.Throws<FormatException>(() => HistogramCodec.Decode(text));
}
