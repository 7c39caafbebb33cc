namespace LoadOps.Core.Results;

/// <summary>A reusable, growing byte buffer: the checked histogram counts of inputs waiting to be added.</summary>
internal sealed class ByteList
{
    private byte[] _bytes = new byte[1 << 12];

    public int Count { get; private set; }

    public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, Count);

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (Count + bytes.Length > _bytes.Length)
            Array.Resize(ref _bytes, Math.Max(Count + bytes.Length, _bytes.Length * 2));
        bytes.CopyTo(_bytes.AsSpan(Count));
        Count += bytes.Length;
    }

    /// <summary>Forgets the bytes appended after the first <paramref name="count"/>.</summary>
    public void Truncate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        Count = count;
    }

    /// <summary>Forgets the bytes but keeps the storage, unless one huge input made it large.</summary>
    public void Clear()
    {
        if (_bytes.Length > 1 << 24)
            _bytes = new byte[1 << 12];
        Count = 0;
    }
}
