using HdrHistogram;
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

        AssertSame(HistogramCodec.Decode(encoded), sparse);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(19)]
    [InlineData(2024)]
    public void Summing_random_histograms_is_exact_against_the_library_at_the_edges_of_the_range(int seed)
    {
        var random = new Random(seed);
        var sum = new SparseHistogram();
        var expected = HistogramCodec.Create();
        for (var h = 0; h < 40; h++)
        {
            var histogram = HistogramCodec.Create();
            var kind = h % 5;
            var samples = kind == 0 ? 0 : random.Next(1, 400); // every fifth one empty
            for (var i = 0; i < samples; i++)
            {
                var value = kind switch
                {
                    1 => random.NextInt64(1, 40), // near 1 µs: the exact slots
                    2 => HistogramCodec.HighestTrackable - random.NextInt64(0, 5_000_000), // near 1 h
                    3 => random.NextInt64(1, HistogramCodec.HighestTrackable + 1),
                    _ => ResultFiles.SkewedLatency(random),
                };
                histogram.RecordValueWithCount(value, random.Next(3) == 0 ? random.NextInt64(1, 1L << 40) : 1); // huge counts too
            }
            sum.AddEncoded(HistogramCodec.Encode(histogram));
            expected.Add(histogram);
        }

        // The library cannot read back encodings this wide (its own included: it reads the inflated counts with a
        // single Read), so these are checked through our reader and a histogram rebuilt from the sums.
        AssertSame(expected, sum, libraryReadsIt: false);
        AssertSame(expected, Reencoded(sum), libraryReadsIt: false);
        var rebuilt = HistogramCodec.Create();
        sum.WriteTo(rebuilt);
        foreach (var percentile in new[] { 0.0, 1, 50, 90, 99, 99.9, 99.999, 100 })
            Assert.Equal(expected.GetValueAtPercentile(percentile), rebuilt.GetValueAtPercentile(percentile));
    }

    [Fact]
    public void Counts_beyond_32_bits_switch_the_window_to_64_bits_without_losing_any()
    {
        var sum = new SparseHistogram();
        var expected = HistogramCodec.Create();
        foreach (var (value, count) in new[] { (5_000L, int.MaxValue - 1L), (5_000L, 5L), (1L, 3L), (3_599_000_000L, long.MaxValue / 8) })
        {
            var histogram = HistogramCodec.Create();
            histogram.RecordValueWithCount(value, count);
            sum.AddEncoded(HistogramCodec.Encode(histogram));
            expected.Add(histogram);
        }

        AssertSame(expected, sum);
        AssertSame(expected, Reencoded(sum));
    }

    [Fact]
    public void The_window_covers_only_the_slots_in_use()
    {
        var sum = new SparseHistogram();
        sum.Add(HistogramShape.IndexOf(20_000), 1);
        sum.Add(HistogramShape.IndexOf(25_000), 1);
        Assert.InRange(sum.WindowLength, 1, 1_000); // not the ~23k slots of the whole shape
        Assert.Equal(2, sum.TotalCount);
    }

    [Fact]
    public void Our_encoding_is_read_by_the_library_even_when_empty()
    {
        var empty = new SparseHistogram();
        Assert.Equal(0, HistogramCodec.Decode(empty.Encode()).TotalCount);
        Assert.Equal(0, Reencoded(empty).TotalCount);
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
        Assert.True(HistogramShape.IndexOf(HistogramCodec.HighestTrackable) < HistogramShape.SlotCount);
    }

    [Fact]
    public void Empty_and_damaged_encodings()
    {
        var sparse = new SparseHistogram();
        sparse.AddEncoded(HistogramCodec.Empty);
        Assert.Equal(0, sparse.TotalCount);
        Assert.Throws<FormatException>(() => sparse.AddEncoded("AAAA"));
        Assert.Throws<FormatException>(() => sparse.AddEncoded("not base64 !!"));
        var valid = Convert.FromBase64String(HistogramCodec.Encode(HistogramCodec.Create()));
        Assert.Throws<FormatException>(() => sparse.AddEncoded(Convert.ToBase64String(valid.AsSpan(0, valid.Length / 2))));
        Assert.Equal(0, sparse.TotalCount);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(2026)]
    public void Percentiles_max_and_mean_read_from_the_sums_are_the_library_s_to_the_last_bit(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 400; round++)
        {
            var histogram = HistogramCodec.Create();
            var kind = round % 4;
            for (var n = random.Next(1, 500); n > 0; n--)
            {
                var value = kind switch
                {
                    0 => random.NextInt64(1, HistogramCodec.HighestTrackable + 1),
                    1 => random.NextInt64(1, 50),
                    _ => ResultFiles.SkewedLatency(random),
                };
                histogram.RecordValueWithCount(value, round % 7 == 0 ? random.NextInt64(1, 1L << 33) : 1); // huge counts too
            }
            var sparse = new SparseHistogram();
            sparse.AddEncoded(HistogramCodec.Encode(histogram));

            foreach (var percentile in new[] { 0.0, 50, 75, 90, 95, 99, 99.9, 100 })
                Assert.Equal(histogram.GetValueAtPercentile(percentile), sparse.ValueAtPercentile(percentile));
            Assert.Equal(histogram.GetMaxValue(), sparse.MaxValue);
            Assert.Equal(histogram.GetMean(), sparse.Mean);
        }
        var empty = new SparseHistogram();
        Assert.Equal((0L, 0L, 0.0), (empty.ValueAtPercentile(99), empty.MaxValue, empty.Mean));
    }

    [Fact]
    public void A_histogram_of_another_shape_is_re_shaped()
    {
        var other = new LongHistogram(1, 10_000_000, 2);
        other.RecordValueWithCount(12_345, 7);
        var sparse = new SparseHistogram();
        sparse.AddEncoded(HistogramCodec.Encode(other));
        var expected = HistogramCodec.Create();
        expected.Add(other);
        AssertSame(expected, sparse);
    }

    private static SparseHistogram Reencoded(SparseHistogram sum)
    {
        var again = new SparseHistogram();
        again.AddEncoded(sum.Encode());
        return again;
    }

    private static void AssertSame(LongHistogram expected, SparseHistogram actual, bool libraryReadsIt = true)
    {
        Assert.Equal(expected.TotalCount, actual.TotalCount);
        var rebuilt = HistogramCodec.Create();
        actual.WriteTo(rebuilt);
        foreach (var histogram in libraryReadsIt ? [HistogramCodec.Decode(actual.Encode()), rebuilt] : new[] { rebuilt })
        {
            Assert.Equal(expected.TotalCount, histogram.TotalCount);
            Assert.Equal(
                expected.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)),
                histogram.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)));
        }
    }
}
