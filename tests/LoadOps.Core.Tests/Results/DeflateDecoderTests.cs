using System.IO.Compression;
using LoadOps.Core.Results;

namespace LoadOps.Core.Tests.Results;

/// <summary>The managed inflater must give exactly what .NET's own gives, and only ever fail with InvalidDataException.</summary>
public sealed class DeflateDecoderTests
{
    [Theory]
    [InlineData(CompressionLevel.Optimal, 1)]
    [InlineData(CompressionLevel.Fastest, 2)]
    [InlineData(CompressionLevel.NoCompression, 3)]
    [InlineData(CompressionLevel.SmallestSize, 4)]
    public void Inflates_what_DeflateStream_wrote(CompressionLevel level, int seed)
    {
        var random = new Random(seed);
        var decoder = new DeflateDecoder();
        foreach (var size in new[] { 0, 1, 40, 300, 5_000, 70_000, 200_000 })
        {
            // Text-like data with repeats (matches at many distances) and runs of zeros like a histogram's padding.
            var data = new byte[size];
            for (var i = 0; i < size; i++)
                data[i] = i > 64 && random.Next(3) == 0 ? data[i - random.Next(1, 64)] : random.Next(4) == 0 ? (byte)0 : (byte)random.Next(97, 110);
            var compressed = Deflate(data, level);

            var all = decoder.Inflate(compressed, 0, compressed.Length, size, _ => size).ToArray();
            Assert.Equal(data, all);
            // Stopping early: the first bytes only, then as many as the callback asks for.
            var some = decoder.Inflate(compressed, 0, compressed.Length, Math.Min(40, size), _ => size / 2).ToArray();
            Assert.Equal(data.AsSpan(0, Math.Max(Math.Min(40, size), size / 2)).ToArray(), some);
        }
    }

    [Fact]
    public void Damaged_or_cut_data_fails_only_as_invalid_data_or_returns_less()
    {
        var random = new Random(9);
        var data = new byte[3_000];
        random.NextBytes(data.AsSpan(0, 500));
        var compressed = Deflate(data, CompressionLevel.Optimal);
        var decoder = new DeflateDecoder();
        for (var trial = 0; trial < 2_000; trial++)
        {
            var damaged = (byte[])compressed.Clone();
            for (var k = 0; k < 1 + random.Next(4); k++)
                damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
            var length = random.Next(4) == 0 ? random.Next(damaged.Length) : damaged.Length;
            try
            {
                var output = decoder.Inflate(damaged, 0, length, data.Length, _ => data.Length);
                Assert.InRange(output.Length, 0, data.Length);
            }
            catch (InvalidDataException)
            {
                // Expected for damaged data; anything else (IndexOutOfRange, ...) fails the test.
            }
        }
    }

    [Fact]
    public void Histograms_decode_the_same_as_through_the_library()
    {
        var random = new Random(5);
        for (var i = 0; i < 50; i++)
        {
            var histogram = HistogramCodec.Create();
            for (var k = 0; k < random.Next(1, 2_000); k++)
                histogram.RecordValue(ResultFiles.SkewedLatency(random));
            var sum = new SparseHistogram();
            sum.AddEncoded(HistogramCodec.Encode(histogram));
            var back = HistogramCodec.Create();
            sum.WriteTo(back);
            Assert.Equal(histogram.TotalCount, back.TotalCount);
            Assert.Equal(histogram.GetValueAtPercentile(99.9), back.GetValueAtPercentile(99.9));
            Assert.Equal(HistogramCodec.Encode(histogram), HistogramCodec.Encode(back));
        }
    }

    private static byte[] Deflate(byte[] data, CompressionLevel level)
    {
        using var memory = new MemoryStream();
        using (var deflate = new DeflateStream(memory, level))
            deflate.Write(data);
        return memory.ToArray();
    }
}
