using System.IO.Compression;
using LoadOps.Core.Compression;
using LoadOps.Core.Results;
using LoadOps.Testing;

namespace LoadOps.Core.Tests.Compression;

/// <summary>The managed decoder must give exactly what zlib (<see cref="DeflateStream"/>) gives, for valid, cut and damaged streams.</summary>
public sealed class DeflateDecoderTests
{
    public static TheoryData<string> Kinds => ["random", "text", "zeros", "tiny", "histogram", "mixed"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Decodes_every_block_type_as_zlib_does(string kind)
    {
        var random = new Random(kind.Length * 31 + kind[0]);
        foreach (var level in new[] { CompressionLevel.NoCompression, CompressionLevel.Fastest, CompressionLevel.Optimal, CompressionLevel.SmallestSize })
        {
            for (var round = 0; round < 20; round++)
            {
                var original = Sample(kind, random);
                var deflated = Deflate(original, level);
                Assert.Equal(original, Decode(deflated, original.Length + 10));
            }
        }
    }

    [Fact]
    public void Reads_the_histogram_library_s_own_streams_as_zlib_does()
    {
        var random = new Random(5);
        for (var round = 0; round < 50; round++)
        {
            var histogram = HistogramCodec.Create();
            for (var i = random.Next(0, 3_000); i > 0; i--)
                histogram.RecordValue(random.Next(1, 60_000_000));
            // After the cookie, the compressed length and the 2-byte zlib header: the library's raw deflate data.
            var deflated = Convert.FromBase64String(LibraryEncoding.Of(histogram))[10..];
            var limit = random.Next(40, 5_000);
            Assert.Equal(Reference(deflated, limit), Decode(deflated, limit));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Resumes_where_it_stopped(string kind)
    {
        var random = new Random(7);
        for (var round = 0; round < 40; round++)
        {
            var original = Sample(kind, random);
            var deflated = Deflate(original, round % 2 == 0 ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
            var decoder = new DeflateDecoder();
            decoder.Reset(deflated, 0, deflated.Length);
            var output = new byte[original.Length];
            var written = 0;
            // Stop at random points (inside matches, inside stored blocks) and go on from there.
            while (written < output.Length)
            {
                var next = decoder.Inflate(output, written, Math.Min(output.Length, written + random.Next(1, 600)));
                Assert.True(next > written, "the decoder stopped before the end of a valid stream");
                written = next;
            }
            Assert.Equal(original, output);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_cut_stream_gives_what_zlib_gives_of_it(string kind)
    {
        var random = new Random(11);
        for (var round = 0; round < 60; round++)
        {
            var original = Sample(kind, random);
            var deflated = Deflate(original, round % 3 == 0 ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
            var cut = deflated[..random.Next(0, deflated.Length)];
            Assert.Equal(Reference(cut, original.Length), Decode(cut, original.Length));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_damaged_stream_is_refused_where_zlib_refuses_it(string kind)
    {
        var random = new Random(13);
        var refused = 0;
        for (var round = 0; round < 300; round++)
        {
            var original = Sample(kind, random);
            var damaged = Deflate(original, round % 4 == 0 ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
            if (damaged.Length == 0)
                continue;
            for (var flips = random.Next(1, 4); flips > 0; flips--)
                damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
            var limit = random.Next(1, original.Length + 10);
            var expected = Reference(damaged, limit);
            if (expected is null)
            {
                refused++;
                Assert.Throws<FormatException>(() => Decode(damaged, limit));
            }
            else
                Assert.Equal(expected, Decode(damaged, limit));
        }
        if (kind is "text" or "histogram")
            Assert.True(refused > 0, "no damaged stream was refused: the test did not reach the decoder's checks");
    }

    private static byte[] Decode(byte[] deflated, int limit)
    {
        var decoder = new DeflateDecoder();
        decoder.Reset(deflated, 0, deflated.Length);
        var output = new byte[limit];
        return output[..decoder.Inflate(output, 0, limit)];
    }

    /// <summary>What zlib gives of the stream, up to <paramref name="limit"/> bytes; null when it refuses it.</summary>
    private static byte[]? Reference(byte[] deflated, int limit)
    {
        using var stream = new DeflateStream(new MemoryStream(deflated), CompressionMode.Decompress);
        var output = new byte[limit];
        var total = 0;
        try
        {
            int read;
            while (total < limit && (read = stream.Read(output, total, limit - total)) > 0)
                total += read;
        }
        catch (InvalidDataException)
        {
            return null;
        }
        return output[..total];
    }

    private static byte[] Deflate(byte[] data, CompressionLevel level)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, level, leaveOpen: true))
            deflate.Write(data);
        return buffer.ToArray();
    }

    private static byte[] Sample(string kind, Random random)
    {
        switch (kind)
        {
            case "random":
                return Bytes(random.Next(0, 70_000), _ => (byte)random.Next(256));
            case "text":
                var words = new[] { "latency ", "p95 ", "checkout ", "200 ", "step ", "\n", "shard-0001 " };
                return [.. Enumerable.Range(0, random.Next(1, 4000)).SelectMany(_ => words[random.Next(words.Length)].Select(c => (byte)c))];
            case "zeros":
                return Bytes(random.Next(1, 100_000), i => i % 9_973 == 0 ? (byte)random.Next(256) : (byte)0);
            case "tiny":
                return Bytes(random.Next(0, 40), _ => (byte)random.Next(4));
            case "histogram":
                var histogram = HistogramCodec.Create();
                for (var i = random.Next(1, 500); i > 0; i--)
                    histogram.RecordValue(random.Next(1, 2_000_000));
                var encoded = Convert.FromBase64String(LibraryEncoding.Of(histogram));
                return Inflated(encoded.AsSpan(8 + 2).ToArray());
            default:
                var parts = new[] { "random", "text", "zeros", "tiny" };
                return [.. Enumerable.Range(0, 3).SelectMany(_ => Sample(parts[random.Next(parts.Length)], random))];
        }
    }

    /// <summary>The library's histogram payload (its zlib data, after the cookie, length and zlib header), inflated by zlib.</summary>
    private static byte[] Inflated(byte[] deflated)
    {
        using var stream = new DeflateStream(new MemoryStream(deflated), CompressionMode.Decompress);
        using var output = new MemoryStream();
        stream.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Bytes(int length, Func<int, byte> at)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
            bytes[i] = at(i);
        return bytes;
    }
}
