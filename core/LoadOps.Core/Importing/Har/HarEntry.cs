namespace LoadOps.Core.Importing.Har;

/// <summary>
/// One request/response of a HAR file (HAR 1.2), with what the importer uses. Optional fields missing in the file are
/// empty or null here. <see cref="Index"/> is the entry's position in <c>$.log.entries</c>, for messages.
/// </summary>
public sealed record HarEntry
{
    public required int Index { get; init; }
    public required string Method { get; init; }
    public required Uri Url { get; init; }
    public IReadOnlyList<HarHeader> Headers { get; init; } = [];
    public IReadOnlyList<HarHeader> Cookies { get; init; } = [];
    public string? BodyMimeType { get; init; }
    public string? BodyText { get; init; }
    public IReadOnlyList<HarHeader> FormParams { get; init; } = [];
    public int Status { get; init; }
    public string? ResponseMimeType { get; init; }

    /// <summary>The response body as text (base64 content decoded); null when the HAR did not keep it.</summary>
    public string? ResponseText { get; init; }

    /// <summary>Chromium's <c>_resourceType</c> (document, fetch, xhr, script, stylesheet, image, font, ...).</summary>
    public string? ResourceType { get; init; }

    public string Authority => Url.IsDefaultPort ? Url.Host : $"{Url.Host}:{Url.Port}";

    public string Origin => $"{Url.Scheme}://{Authority}";

    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;
}
