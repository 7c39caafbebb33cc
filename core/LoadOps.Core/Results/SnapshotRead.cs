using System.IO.Hashing;
using System.Text;

namespace LoadOps.Core.Results;

/// <summary>
/// How one snapshot of a shard is read when an earlier one was merged through <see cref="MergedThrough"/> (the newest
/// interval or health start it held): the intervals and health samples starting at or before it are not decoded, only
/// digested (<see cref="MergedDigest"/>) so the caller can check they are byte for byte what it merged; the later ones
/// are staged as in any merge. <see cref="AllDigest"/> digests everything the snapshot holds, to check the next one
/// against. Digests take each step's name and location, so intervals cannot move between steps unseen.
/// </summary>
internal sealed class SnapshotRead(long mergedThrough)
{
    private readonly XxHash128 _merged = new();
    private readonly XxHash128 _all = new();
    private readonly XxHash128 _stepMerged = new();
    private readonly XxHash128 _stepAll = new();
    private int _stepMergedCount;
    private int _stepAllCount;

    /// <summary>UTC ticks; <see cref="long.MinValue"/> when nothing of the shard was merged yet.</summary>
    public long MergedThrough { get; } = mergedThrough;

    /// <summary>The newest interval or health start in the snapshot; <see cref="long.MinValue"/> when it has none.</summary>
    public long NewestStart { get; private set; } = long.MinValue;

    public UInt128 MergedDigest => _merged.GetCurrentHashAsUInt128();

    public UInt128 AllDigest => _all.GetCurrentHashAsUInt128();

    /// <summary>True when what starts at <paramref name="start"/> was merged already and is only to be digested.</summary>
    public bool WasMerged(long start) => start <= MergedThrough;

    /// <summary>One interval of the step being read, as its JSON object's bytes.</summary>
    public void Interval(long start, ReadOnlySpan<byte> json)
    {
        NewestStart = Math.Max(NewestStart, start);
        _stepAll.Append(json);
        _stepAllCount++;
        if (!WasMerged(start))
            return;
        _stepMerged.Append(json);
        _stepMergedCount++;
    }

    /// <summary>Closes the step whose intervals were just given: a step with none in a digest leaves that digest as it was.</summary>
    public void EndStep(string scenario, string step, string? location)
    {
        Close(_all, _stepAll, ref _stepAllCount, scenario, step, location);
        Close(_merged, _stepMerged, ref _stepMergedCount, scenario, step, location);
    }

    public void Health(long start, ReadOnlySpan<byte> json)
    {
        NewestStart = Math.Max(NewestStart, start);
        ReadOnlySpan<byte> tag = [(byte)'h'];
        _all.Append(tag);
        _all.Append(json);
        if (!WasMerged(start))
            return;
        _merged.Append(tag);
        _merged.Append(json);
    }

    private static void Close(XxHash128 into, XxHash128 step, ref int count, string scenario, string name, string? location)
    {
        if (count > 0)
        {
            ReadOnlySpan<byte> tag = [(byte)'s'];
            into.Append(tag);
            AppendText(into, scenario);
            AppendText(into, name);
            AppendText(into, location);
            Span<byte> digest = stackalloc byte[16];
            step.GetCurrentHash(digest);
            into.Append(digest);
        }
        step.Reset();
        count = 0;
    }

    /// <summary>Length first, so ("ab", "c") and ("a", "bc") differ; -1 for null.</summary>
    private static void AppendText(XxHash128 into, string? text)
    {
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, text is null ? -1 : Encoding.UTF8.GetByteCount(text));
        into.Append(length);
        if (text is not null)
            into.Append(Encoding.UTF8.GetBytes(text));
    }
}
