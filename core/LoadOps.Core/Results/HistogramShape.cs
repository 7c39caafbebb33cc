namespace LoadOps.Core.Results;

/// <summary>
/// Index arithmetic of the one histogram shape <see cref="HistogramCodec"/> uses (lowest 1, 3 significant digits):
/// a value maps to one slot of HdrHistogram's counts array, and a slot maps back to the lowest value it holds.
/// Two histograms of this shape add exactly by adding their counts slot by slot.
/// </summary>
internal static class HistogramShape
{
    /// <summary>2 × 10^3 rounded up to a power of two: 2048 sub-buckets, half of them per bucket after the first.</summary>
    public const int SubBucketHalfCountMagnitude = 10;
    public const int SubBucketHalfCount = 1 << SubBucketHalfCountMagnitude;
    private const long SubBucketMask = (2L * SubBucketHalfCount) - 1;
    private const int LeadingZeroCountBase = 64 - SubBucketHalfCountMagnitude - 1;

    /// <summary>Slots of the shape: up to the end of the bucket holding <see cref="HistogramCodec.HighestTrackable"/>.</summary>
    public static readonly int SlotCount = (IndexOf(HistogramCodec.HighestTrackable) | (SubBucketHalfCount - 1)) + 1;

    public static int IndexOf(long value)
    {
        if (value < 0)
            throw new ArgumentOutOfRangeException(nameof(value), value, "Latencies are never negative.");
        var bucket = LeadingZeroCountBase - System.Numerics.BitOperations.LeadingZeroCount((ulong)(value | SubBucketMask));
        var subBucket = (int)(value >> bucket);
        return ((bucket + 1) << SubBucketHalfCountMagnitude) + (subBucket - SubBucketHalfCount);
    }

    public static long ValueAt(int index)
    {
        var bucket = (index >> SubBucketHalfCountMagnitude) - 1;
        var subBucket = (index & (SubBucketHalfCount - 1)) + SubBucketHalfCount;
        if (bucket < 0)
        {
            subBucket -= SubBucketHalfCount;
            bucket = 0;
        }
        return (long)subBucket << bucket;
    }
}
