namespace LoadOps.Core.Importing.Har;

/// <summary>Decides which recorded requests become steps: requests to the chosen origin that a load test should repeat.</summary>
internal static class HarEntryFilter
{
    /// <summary>Bodies beyond this are left out with their request: a definition is a small file (the validator caps it at 1 MiB).</summary>
    public const int MaxBodyChars = 64 * 1024;

    private static readonly HashSet<string> Methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
    private static readonly HashSet<string> StaticResourceTypes = ["stylesheet", "script", "image", "font", "media", "manifest", "texttrack", "ping", "csp_violation_report"];
    private static readonly HashSet<string> StaticExtensions =
        [".js", ".mjs", ".css", ".map", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico", ".webp", ".avif", ".bmp", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".mp4", ".webm", ".mp3", ".wav"];
    private static readonly string[] StaticMimePrefixes = ["image/", "font/", "text/css", "audio/", "video/", "application/javascript", "text/javascript", "application/font"];
    private static readonly string[] BinaryMimePrefixes = ["multipart/", "application/octet-stream", "image/", "audio/", "video/", "application/zip", "application/pdf", "application/protobuf", "application/x-protobuf", "application/grpc"];

    /// <summary>Null when the entry becomes a step, else the reason it is dropped.</summary>
    public static string? ReasonToDrop(HarEntry entry, string origin)
    {
        if (entry.Url.Scheme is not ("http" or "https"))
            return $"not an http(s) request ({entry.Url.Scheme}:)";
        if (!string.Equals(entry.Origin, origin, StringComparison.OrdinalIgnoreCase))
            return $"third-party host {entry.Authority}";
        if (!Methods.Contains(entry.Method))
            return $"method {entry.Method} cannot be a step (use {string.Join(", ", Methods)})";
        if (IsStatic(entry))
            return $"static asset ({entry.ResourceType ?? Path.GetExtension(entry.Url.AbsolutePath)})";
        if (entry.BodyMimeType is { } mime && BinaryMimePrefixes.Any(p => mime.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            return $"binary request body ({mime}); a step's body is text";
        if (entry.BodyText is { } body && body.Any(c => c == '\0' || c == '\uFFFD'))
            return "binary request body; a step's body is text";
        if (entry.BodyText is { Length: > MaxBodyChars } big)
            return $"request body of {big.Length / 1024} KiB is larger than {MaxBodyChars / 1024} KiB";
        if (Unescapable(entry.Url.PathAndQuery) || Unescapable(entry.BodyText))
            return "'{{' or '}}' in the path or body, which a step's template cannot hold literally";
        return null;
    }

    private static bool IsStatic(HarEntry entry)
    {
        if (entry.ResourceType is { } type)
            return StaticResourceTypes.Contains(type);
        if (StaticExtensions.Contains(Path.GetExtension(entry.Url.AbsolutePath).ToLowerInvariant()))
            return true;
        return entry.ResponseMimeType is { } mime && StaticMimePrefixes.Any(p => mime.StartsWith(p, StringComparison.OrdinalIgnoreCase));
    }

    private static bool Unescapable(string? text) =>
        text is not null && (text.Contains("{{", StringComparison.Ordinal) || text.Contains("}}", StringComparison.Ordinal));
}
