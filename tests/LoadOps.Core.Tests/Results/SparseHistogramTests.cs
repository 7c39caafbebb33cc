using LoadOps.Core.Results;

namespace LoadOps.Core.Tests.Results;

public sealed class SparseHistogramTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void Reading_the_encoding_directly_matches_the_library_decoder(int seed)
    {
        var random = new Random(seed);
        var histogram = HistogramCodec.Create();
        for (var i = 0; i < 20_000; i++)
            histogram.RecordValue(random.Next(4) == 0 ? random.NextInt64(1, 3_000_000_000) : ResultFiles.SkewedLatency(random));
        var encoded = HistogramCodec.Encode(histogram);

        var sparse = new SparseHistogram();
        sparse.AddEncoded(encoded);
        var rebuilt = HistogramCodec.Create();
        sparse.WriteTo(rebuilt);
        var library = HistogramCodec.Decode(encoded);

        Assert.Equal(library.TotalCount, rebuilt.TotalCount);
        Assert.Equal(
            library.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)),
            rebuilt.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)));
    }

    [Fact]
    public void Slot_arithmetic_round_trips_across_the_range()
    {
        foreach (var value in new long[] { 0, 1, 1023, 1024, 2047, 2048, 2049, 4096, 123_456, 3_599_999_999 })
        {
            var index = HistogramShape.IndexOf(value);
            var histogram = HistogramCodec.Create();
            Assert.Equal(histogram.LowestEquivalentValue(value), HistogramShape.ValueAt(index));
        }
    }

    [Fact]
    public void Empty_and_damaged_encodings()
    {
        var sparse = new SparseHistogram();
        sparse.AddEncoded(HistogramCodec.Empty);
        Assert.Equal(0, sparse.TotalCount);
        Assert.Throws<FormatException>(() => sparse.AddEncoded("AAAA"));
        Assert.Throws<FormatException>(() => sparse.AddEncoded("not base64 !!"));
    }
}
