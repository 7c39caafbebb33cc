namespace LoadOps.Core.Results;

/// <summary>How <see cref="CompressedHistogramWriter"/> deflates a histogram's payload; either way it is a valid zlib stream.</summary>
internal enum HistogramPacking
{
    /// <summary>zlib's best compression: merged results, which are kept and read a few times.</summary>
    Smallest,

    /// <summary>
    /// Small payloads stored, larger ones compressed: shard results, which a merge reads by the thousand and then
    /// drops (see <see cref="CompressedHistogramWriter.StoredUpTo"/>).
    /// </summary>
    FastToMerge,
}
