using HdrHistogram;

namespace LoadOps.Core.Results;

/// <summary>
/// A latency histogram that holds only its non-empty slots: the running sum of a merge.
/// Adding is exact (slot counts add); <see cref="WriteTo"/> turns it back into a standard histogram.
/// </summary>
internal sealed class SparseHistogram
{
    private readonly Dictionary<int, long> _counts = [];

    public long TotalCount { get; private set; }

    /// <summary>Adds an encoded histogram; throws <see cref="FormatException"/> when it is damaged.</summary>
    public void AddEncoded(string base64)
    {
        if (CompressedHistogramReader.TryRead(base64, Add))
            return;
        // Not our standard shape (written by another tool): let the library decode and re-shape it.
        var histogram = HistogramCodec.Decode(base64);
        foreach (var slot in histogram.RecordedValues())
            Add(HistogramShape.IndexOf(slot.ValueIteratedTo), slot.CountAtValueIteratedTo);
    }

    public void Add(SparseHistogram other)
    {
        foreach (var (index, count) in other._counts)
            Add(index, count);
    }

    public void Add(int index, long count)
    {
        _counts[index] = _counts.GetValueOrDefault(index) + count;
        TotalCount += count;
    }

    /// <summary>Clears <paramref name="target"/> and records these counts into it.</summary>
    public void WriteTo(LongHistogram target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Reset();
        foreach (var (index, count) in _counts)
            target.RecordValueWithCount(HistogramShape.ValueAt(index), count);
    }
}
