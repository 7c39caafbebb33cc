using LoadOps.Core.Results;

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

    [Fact]
    public void Empty_decodes_to_no_samples() => Assert.Equal(0, HistogramCodec.Decode(HistogramCodec.Empty).TotalCount);

    [Theory]
    [InlineData("not base64 !!")]
    [InlineData("AAAA")]
    public void Damaged_data_is_a_format_error(string text) =>
        Assert.Throws<FormatException>(() => HistogramCodec.Decode(text));
}
