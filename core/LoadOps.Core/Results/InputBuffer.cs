namespace LoadOps.Core.Results;

/// <summary>Reads a whole input into a buffer reused from input to input, growing it when an input is larger.</summary>
internal static class InputBuffer
{
    /// <summary>The buffer holding the stream's bytes (the one given, or a larger one) and how many it holds.</summary>
    public static async Task<(byte[] Buffer, int Length)> ReadAllAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var length = 0;
        if (stream.CanSeek && stream.Length - stream.Position + 1 > buffer.Length)
            buffer = new byte[stream.Length - stream.Position + 1];
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
