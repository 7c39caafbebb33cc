namespace LoadOps.Core.Results;

/// <summary>The running sum of one step's interval at one location: counts add, histograms add.</summary>
internal sealed class IntervalAccumulator
{
    /// <summary>Order of creation within one merge, so a batch of additions can be grouped by sum.</summary>
    public int Id { get; init; }

    public long Ok { get; private set; }
    public FailureCounts Failed { get; private set; } = FailureCounts.None;
    public long BytesSent { get; private set; }
    public long BytesReceived { get; private set; }
    public SparseHistogram Histogram { get; } = new();

    public void Add(IntervalStats stats, SparseHistogram histogram)
    {
        AddCounts(stats);
        Histogram.Add(histogram);
    }

    /// <summary>Adds an interval whose histogram counts were staged by <see cref="CompressedHistogramReader.Stage"/>.</summary>
    public void Add(IntervalStats stats, ReadOnlySpan<byte> counts)
    {
        AddCounts(stats);
        CompressedHistogramReader.AddCounts(counts, Histogram);
    }

    private void AddCounts(IntervalStats stats)
    {
        Ok += stats.Ok;
        Failed = Failed.Add(stats.Failed);
        BytesSent += stats.BytesSent;
        BytesReceived += stats.BytesReceived;
    }

    public void Add(IntervalAccumulator other)
    {
        Ok += other.Ok;
        Failed = Failed.Add(other.Failed);
        BytesSent += other.BytesSent;
        BytesReceived += other.BytesReceived;
        Histogram.Add(other.Histogram);
    }

    /// <summary>The interval as a result file stores it.</summary>
    public IntervalStats ToStats(DateTimeOffset start) =>
        new()
        {
            Start = start,
            Ok = Ok,
            Failed = Failed,
            BytesSent = BytesSent,
            BytesReceived = BytesReceived,
            Histogram = Histogram.Encode(),
        };
}
