using System.Buffers.Text;

namespace LoadOps.Runner.Http;

/// <summary>What the raw client needs from a response's status line and headers.</summary>
internal readonly record struct ResponseHead(int Status, long ContentLength, bool Chunked, bool Close)
{
    /// <summary>Parses the bytes before the blank line; throws <see cref="IOException"/> when they are not HTTP/1.x.</summary>
    public static ResponseHead Parse(ReadOnlySpan<byte> head)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = lineEnd < 0 ? head : head[..lineEnd];
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != (byte)' ' ||
            !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out _))
            throw new MalformedResponseException("the response does not start with an HTTP/1.x status line");
        var http10 = statusLine[7] == (byte)'0';

        long contentLength = -1;
        bool chunked = false, close = http10, keepAlive = false;
        var rest = lineEnd < 0 ? [] : head[(lineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf("\r\n"u8);
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
                continue;
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (name.EqualsAsciiIgnoreCase("content-length"u8))
            {
                if (!Utf8Parser.TryParse(value, out contentLength, out var used) || used != value.Length || contentLength < 0)
                    throw new MalformedResponseException("the response has a malformed Content-Length");
            }
            else if (name.EqualsAsciiIgnoreCase("transfer-encoding"u8))
                chunked = value.EndsWithAsciiIgnoreCase("chunked"u8);
            else if (name.EqualsAsciiIgnoreCase("connection"u8))
            {
                close |= value.ContainsAsciiIgnoreCase("close"u8);
                keepAlive |= value.ContainsAsciiIgnoreCase("keep-alive"u8);
            }
        }
        return new ResponseHead(status, chunked ? -1 : contentLength, chunked, close && !(http10 && keepAlive));
    }
}

/// <summary>ASCII case-insensitive comparisons on header bytes.</summary>
internal static class AsciiBytes
{
    public static bool EqualsAsciiIgnoreCase(this ReadOnlySpan<byte> span, ReadOnlySpan<byte> lower) =>
        System.Text.Ascii.EqualsIgnoreCase(span, lower);

    public static bool EndsWithAsciiIgnoreCase(this ReadOnlySpan<byte> span, ReadOnlySpan<byte> lower) =>
        span.Length >= lower.Length && System.Text.Ascii.EqualsIgnoreCase(span[^lower.Length..], lower);

    public static bool ContainsAsciiIgnoreCase(this ReadOnlySpan<byte> span, ReadOnlySpan<byte> lower)
    {
        for (var i = 0; i + lower.Length <= span.Length; i++)
        {
            if (System.Text.Ascii.EqualsIgnoreCase(span.Slice(i, lower.Length), lower))
                return true;
        }
        return false;
    }
}
