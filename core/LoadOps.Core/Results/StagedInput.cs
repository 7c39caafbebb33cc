namespace LoadOps.Core.Results;

/// <summary>One input's checked histogram counts (all in one buffer, ~1 byte per slot in use) and where each interval's are.</summary>
internal sealed class StagedInput
{
    public ByteList Counts { get; } = new();

    public List<StagedInterval> Intervals { get; } = [];

    public void Clear()
    {
        Counts.Clear();
        Intervals.Clear();
    }
}
