using HdrHistogram;

namespace LoadOps.Core.Results;

/// <summary>
/// A latency histogram that holds only the window of slots between its lowest and highest non-empty slot: the
/// running sum of a merge. Latencies cluster, so the window is a small part of the ~23k slots of the full shape;
/// it grows on demand. Counts are 32-bit until one would overflow, then the window switches to 64-bit for good.
/// Adding is exact (slot counts add); <see cref="WriteTo"/> turns it back into a standard histogram and
/// <see cref="Encode"/> writes the standard encoding directly.
/// </summary>
internal sealed class SparseHistogram
{
    /// <summary>Windows grow in whole blocks of this many slots, so a slowly widening range is not copied every time.</summary>
    private const int Block = 64;

    private int _offset;
    private int[] _small = [];
    private long[]? _large;

    public long TotalCount { get; private set; }

    /// <summary>Slots the window spans (memory is about 4 or 8 bytes per slot).</summary>
    public int WindowLength => _large?.Length ?? _small.Length;

    /// <summary>Adds an encoded histogram; throws <see cref="FormatException"/> when it is damaged.</summary>
    public void AddEncoded(string base64)
    {
        var staged = new ByteList();
        CompressedHistogramReader.Stage(base64, staged);
        CompressedHistogramReader.AddCounts(staged.Span, this);
    }

    public void Add(SparseHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < other.WindowLength; i++)
        {
            var count = other.CountAtWindow(i);
            if (count != 0)
                Add(other._offset + i, count);
        }
    }

    public void Add(int index, long count)
    {
        if (count == 0)
            return;
        if ((uint)index >= HistogramShape.SlotCount || count < 0)
            throw new ArgumentOutOfRangeException(nameof(index), $"slot {index} with count {count} is outside the histogram shape.");
        var at = index - _offset;
        if ((uint)at >= (uint)WindowLength)
            at = Grow(index);
        TotalCount += count;
        if (_large is not null)
        {
            _large[at] += count;
            return;
        }
        var sum = _small[at] + count;
        if (sum <= int.MaxValue)
        {
            _small[at] = (int)sum;
            return;
        }
        _large = Array.ConvertAll(_small, c => (long)c);
        _small = [];
        _large[at] = sum;
    }

    /// <summary>Calls <paramref name="visit"/> for each non-empty slot, lowest first.</summary>
    public void ForEach(Action<int, long> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        for (var i = 0; i < WindowLength; i++)
        {
            var count = CountAtWindow(i);
            if (count != 0)
                visit(_offset + i, count);
        }
    }

    /// <summary>Clears <paramref name="target"/> and records these counts into it.</summary>
    public void WriteTo(LongHistogram target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Reset();
        ForEach((index, count) => target.RecordValueWithCount(HistogramShape.ValueAt(index), count));
    }

    /// <summary>The standard encoding (<see cref="HistogramCodec"/>), written from the window without a full histogram.</summary>
    public string Encode() => CompressedHistogramWriter.Write(_offset, WindowLength, CountAtWindow);

    private long CountAtWindow(int i) => _large is not null ? _large[i] : _small[i];

    private int Grow(int index)
    {
        var length = WindowLength;
        var low = length == 0 ? index : Math.Min(_offset, index);
        var high = length == 0 ? index + 1 : Math.Max(_offset + length, index + 1);
        // Leave room on the side that grew, so a widening range copies a logarithmic number of times.
        var slack = (high - low) / 4;
        if (length > 0 && index < _offset)
            low -= slack;
        else if (length > 0)
            high += slack;
        low = Math.Max(0, low / Block * Block);
        high = Math.Min(HistogramShape.SlotCount, (high + Block - 1) / Block * Block);

        var shift = _offset - low;
        if (_large is not null)
        {
            var large = new long[high - low];
            Array.Copy(_large, 0, large, shift, length);
            _large = large;
        }
        else
        {
            var small = new int[high - low];
            Array.Copy(_small, 0, small, length == 0 ? 0 : shift, length);
            _small = small;
        }
        _offset = low;
        return index - low;
    }
}
