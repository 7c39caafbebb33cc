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
        if (other.TotalCount == 0)
            return;
        // One growth to the other's whole range, not one per slot beyond the window.
        Reserve(other._offset, other._offset + other.WindowLength);
        for (var i = 0; i < other.WindowLength; i++)
        {
            var count = other.CountAtWindow(i);
            if (count != 0)
                Add(other._offset + i, count);
        }
    }

    /// <summary>
    /// Makes the window span at least slots <paramref name="low"/> (inclusive) to <paramref name="high"/> (exclusive),
    /// so a histogram about to be added grows the window once (a window grown slot by slot is copied many times).
    /// </summary>
    public void Reserve(int low, int high)
    {
        if (low >= high)
            return;
        if (low < 0 || high > HistogramShape.SlotCount)
            throw new ArgumentOutOfRangeException(nameof(low), $"slots {low}..{high} are outside the histogram shape.");
        if (WindowLength > 0 && low >= _offset && high <= _offset + WindowLength)
            return;
        Grow(low, high);
    }

    /// <summary>
    /// Adds counts as the standard encoding writes them (ZigZag LEB128 from slot 0, a negative number being a run of
    /// empty slots), already checked, whose non-empty slots the window spans (<see cref="Reserve"/>): the merge's
    /// innermost loop, so it adds into the window directly rather than slot by slot through <see cref="Add(int, long)"/>.
    /// </summary>
    public void AddChecked(ReadOnlySpan<byte> counts)
    {
        int position = 0, at = -_offset;
        long total = 0;
        while (position < counts.Length)
        {
            ulong raw = counts[position++];
            if (raw >= 0x80)
                raw = ReadLong(counts, ref position, raw);
            var value = (long)(raw >> 1) ^ -(long)(raw & 1);
            if (value <= 0)
            {
                at += value == 0 ? 1 : (int)-value;
                continue;
            }
            total += value;
            if (_large is not null)
                _large[at] += value;
            else if (_small[at] + value <= int.MaxValue)
                _small[at] += (int)value;
            else
            {
                _large = Array.ConvertAll(_small, c => (long)c);
                _small = [];
                _large[at] += value;
            }
            at++;
        }
        TotalCount += total;
    }

    private static ulong ReadLong(ReadOnlySpan<byte> counts, ref int position, ulong raw)
    {
        raw &= 0x7F;
        var shift = 7;
        byte b;
        do
        {
            b = counts[position++];
            raw |= (ulong)(b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0 && shift < 56);
        return (b & 0x80) != 0 ? raw | ((ulong)counts[position++] << 56) : raw;
    }

    public void Add(int index, long count)
    {
        if (count == 0)
            return;
        if ((uint)index >= HistogramShape.SlotCount || count < 0)
            throw new ArgumentOutOfRangeException(nameof(index), $"slot {index} with count {count} is outside the histogram shape.");
        var at = index - _offset;
        if ((uint)at >= (uint)WindowLength)
            at = Grow(index, index + 1);
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

    /// <summary>
    /// The value at <paramref name="percentile"/> exactly as HdrHistogram's <c>GetValueAtPercentile</c> reads the same
    /// counts (the highest value of the first slot whose running count reaches the percentile's share), without
    /// copying them into a full histogram first. 0 when empty.
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        var wanted = Math.Max(1, (long)((Math.Min(percentile, 100.0) / 100.0 * TotalCount) + 0.5));
        long running = 0;
        for (var i = 0; i < WindowLength; i++)
        {
            running += CountAtWindow(i);
            if (running >= wanted)
                return HighestValueOf(_offset + i);
        }
        return 0;
    }

    /// <summary>The highest value the highest non-empty slot holds, as the library's <c>GetMaxValue</c>; 0 when empty.</summary>
    public long MaxValue
    {
        get
        {
            for (var i = WindowLength - 1; i >= 0; i--)
            {
                if (CountAtWindow(i) != 0)
                    return HighestValueOf(_offset + i);
            }
            return 0;
        }
    }

    /// <summary>
    /// The mean as the library's <c>GetMean</c> computes it: each slot counted at its middle value, summed in 64-bit
    /// integers lowest slot first (wrapping as the library's sum does), divided by the count. 0 when empty.
    /// </summary>
    public double Mean
    {
        get
        {
            if (TotalCount == 0)
                return 0;
            long sum = 0;
            for (var i = 0; i < WindowLength; i++)
            {
                var count = CountAtWindow(i);
                if (count == 0)
                    continue;
                var lowest = HistogramShape.ValueAt(_offset + i);
                var middle = lowest + ((HistogramShape.ValueAt(_offset + i + 1) - lowest) >> 1);
                sum = unchecked(sum + (count * middle));
            }
            return sum * 1.0 / TotalCount;
        }
    }

    private static long HighestValueOf(int index) => HistogramShape.ValueAt(index + 1) - 1;

    /// <summary>The standard encoding (<see cref="HistogramCodec"/>), written from the window without a full histogram.</summary>
    public string Encode(HistogramPacking packing = HistogramPacking.Smallest) => CompressedHistogramWriter.Write(_offset, WindowLength, CountAtWindow, packing);

    private long CountAtWindow(int i) => _large is not null ? _large[i] : _small[i];

    /// <summary>Grows the window to span [<paramref name="from"/>, <paramref name="to"/>); returns the window index of <paramref name="from"/>.</summary>
    private int Grow(int from, int to)
    {
        var length = WindowLength;
        var low = length == 0 ? from : Math.Min(_offset, from);
        var high = length == 0 ? to : Math.Max(_offset + length, to);
        // Leave room on the side that grew, so a widening range copies a logarithmic number of times.
        var slack = (high - low) / 4;
        if (length > 0 && from < _offset)
            low -= slack;
        if (length > 0 && to > _offset + length)
            high += slack;
        low = Math.Max(0, low / Block * Block);
        high = Math.Min(HistogramShape.SlotCount, (high + Block - 1) / Block * Block);

        var shift = _offset - low;
        if (_large is not null)
        {
            var large = new long[high - low];
            Array.Copy(_large, 0, large, length == 0 ? 0 : shift, length);
            _large = large;
        }
        else
        {
            var small = new int[high - low];
            Array.Copy(_small, 0, small, length == 0 ? 0 : shift, length);
            _small = small;
        }
        _offset = low;
        return from - low;
    }
}
