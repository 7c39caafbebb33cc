namespace LoadOps.Core.Results;

/// <summary>The running sum of one step's interval at one location: counts add, histograms add.</summary>
internal sealed class IntervalAccumulator
{
    /// <summary>Order of creation within one merge, so a batch of additions can be grouped by sum.</summary>
    public int Id { get; init; }

    private IntervalCounts _counts;
    private OutcomeSums? _outcomes;

    public long Ok => _counts.Ok;
    public FailureCounts Failed => new(_counts.Status, _counts.Timeout, _counts.Connect, _counts.Check, _counts.Other);
    public long BytesSent => _counts.BytesSent;
    public long BytesReceived => _counts.BytesReceived;
    public SparseHistogram Histogram { get; } = new();

    public void Add(IntervalStats stats, SparseHistogram histogram)
    {
        AddCounts(IntervalCounts.Of(stats));
        Histogram.Add(histogram);
    }

    /// <summary>Adds an interval whose histogram counts were staged by <see cref="CompressedHistogramReader.Stage(string, ByteList)"/>.</summary>
    public void Add(in IntervalCounts counts, ReadOnlySpan<byte> histogram)
    {
        AddCounts(counts);
        CompressedHistogramReader.AddCounts(histogram, Histogram);
    }

    private void AddCounts(in IntervalCounts other)
    {
        if (other.Detail is { } detail)
            (_outcomes ??= new()).Add(detail);
        _counts = new(
            _counts.Ok + other.Ok, _counts.Status + other.Status, _counts.Timeout + other.Timeout, _counts.Connect + other.Connect,
            _counts.Check + other.Check, _counts.Other + other.Other, _counts.BytesSent + other.BytesSent, _counts.BytesReceived + other.BytesReceived);
    }

    /// <summary>Status codes, error kinds and samples added so far; null when no input had any.</summary>
    public OutcomeSums? Outcomes => _outcomes;

    public void Add(IntervalAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        AddCounts(other._counts);
        if (other._outcomes is { } outcomes)
            (_outcomes ??= new()).Add(outcomes);
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
            StatusCodes = _outcomes?.StatusCodes,
            Errors = _outcomes?.Errors,
            ErrorSamples = _outcomes?.ErrorSamples,
        };
}
