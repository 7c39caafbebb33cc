namespace LoadOps.Core.Results;

/// <summary>Reads a whole input into a buffer reused from input to input, growing it when an input is larger.</summary>
internal static class InputBuffer
{
    /// <summary>The buffer holding the stream's bytes (the one given, or a larger one) and how many it holds.</summary>
    public static async Task<(byte[] Buffer, int Length)> ReadAllAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var length = 0;
        // Room to spare: inputs of a run differ by a few bytes, and a buffer only just large enough for one would be
        // replaced (a large-object allocation, and in time a full collection) for every slightly larger one.
        if (stream.CanSeek && stream.Length - stream.Position + 1 > buffer.Length)
            buffer = new byte[Math.Min(Array.MaxLength, (stream.Length - stream.Position + 1) * 9 / 8)];
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
            if (length == buffer.Length)
                Array.Resize(ref buffer, buffer.Length * 2);
        }
        return (buffer, length);
    }
}
