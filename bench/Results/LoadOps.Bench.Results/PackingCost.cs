using System.Diagnostics;
using LoadOps.Core.Results;

namespace LoadOps.Bench.Results;

/// <summary>
/// What reading one interval histogram costs a merge (base64, inflate, checking its counts: <c>CompressedHistogramReader.Stage</c>,
/// where a merge spends most of its time per histogram), as older runners wrote it (the HdrHistogram library's own
/// encoding) and as runners write it now (<see cref="HistogramCodec.Encode"/>: small payloads stored), at three interval
/// sizes; with the base64 length of each.
/// </summary>
internal static class PackingCost
{
    private const int Pool = 64;
    private const int Reads = 400_000;

    public static void Run()
    {
        Console.WriteLine($"per interval histogram: base64 chars and µs to read ({Reads:N0} reads of {Pool} histograms, one thread, after a warm-up)");
        Console.WriteLine("latencies | library encoding: chars, µs | runner encoding now: chars, µs");
        foreach (var latencies in new[] { 200, 2_000, 20_000 })
        {
            var random = new Random(latencies);
            var histograms = MergeScale.SkewedHistograms(random, Pool, latencies);
            var library = histograms.Select(h => LoadOps.Testing.LibraryEncoding.Of(h)).ToList();
            var now = histograms.Select(HistogramCodec.Encode).ToList();
            Console.WriteLine($"{latencies,9} | {library.Average(s => s.Length),6:0}, {MicrosecondsToRead(library),5:0.00} | {now.Average(s => s.Length),6:0}, {MicrosecondsToRead(now),5:0.00}");
        }
    }

    private static double MicrosecondsToRead(IReadOnlyList<string> encodings)
    {
        var utf8 = encodings.Select(System.Text.Encoding.UTF8.GetBytes).ToArray();
        var staged = new ByteList();
        for (var i = 0; i < Reads / 20; i++)
        {
            staged.Clear();
            CompressedHistogramReader.Stage(utf8[i % utf8.Length], staged);
        }
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Reads; i++)
        {
            staged.Clear();
            CompressedHistogramReader.Stage(utf8[i % utf8.Length], staged);
        }
        return clock.Elapsed.TotalMicroseconds / Reads;
    }
}
