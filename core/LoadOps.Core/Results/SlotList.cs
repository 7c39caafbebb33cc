namespace LoadOps.Core.Results;

/// <summary>A reusable list of (slot index, count) pairs: decoded histograms staged before they are added.</summary>
internal sealed class SlotList
{
    public int[] Indexes { get; private set; } = new int[256];
    public long[] Counts { get; private set; } = new long[256];
    public int Count { get; private set; }

    public void Add(int index, long count)
    {
        if (Count == Indexes.Length)
        {
            var indexes = Indexes;
            var counts = Counts;
            Array.Resize(ref indexes, Count * 2);
            Array.Resize(ref counts, Count * 2);
            Indexes = indexes;
            Counts = counts;
        }
        Indexes[Count] = index;
        Counts[Count] = count;
        Count++;
    }

    /// <summary>Forgets the pairs but keeps the storage; shrinks it back if one huge input made it large.</summary>
    public void Clear()
    {
        if (Indexes.Length > 1 << 20)
        {
            Indexes = new int[256];
            Counts = new long[256];
        }
        Count = 0;
    }
}
