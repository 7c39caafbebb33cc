using HdrHistogram;

namespace LoadOps.Core.Results;

/// <summary>The running sum of one step's interval at one location: counts add, histograms add.</summary>
internal sealed class IntervalAccumulator
{
    public long Ok { get; private set; }
    public FailureCounts Failed { get; private set; } = FailureCounts.None;
    public long BytesSent { get; private set; }
    public long BytesReceived { get; private set; }
    public SparseHistogram Histogram { get; } = new();

    public void Add(IntervalStats stats, SparseHistogram histogram)
    {
        Ok += stats.Ok;
        Failed = Failed.Add(stats.Failed);
        BytesSent += stats.BytesSent;
        BytesReceived += stats.BytesReceived;
        Histogram.Add(histogram);
    }

    public void Add(IntervalAccumulator other)
    {
        Ok += other.Ok;
        Failed = Failed.Add(other.Failed);
        BytesSent += other.BytesSent;
        BytesReceived += other.BytesReceived;
        Histogram.Add(other.Histogram);
    }

    /// <summary>The interval as a result file stores it; <paramref name="scratch"/> is reused to encode the histogram.</summary>
    public IntervalStats ToStats(DateTimeOffset start, LongHistogram scratch)
    {
        Histogram.WriteTo(scratch);
        return new IntervalStats
        {
            Start = start,
            Ok = Ok,
            Failed = Failed,
            BytesSent = BytesSent,
            BytesReceived = BytesReceived,
            Histogram = HistogramCodec.Encode(scratch),
        };
    }
}
