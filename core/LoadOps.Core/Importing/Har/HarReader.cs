using System.Text;
using System.Text.Json;

namespace LoadOps.Core.Importing.Har;

/// <summary>
/// Reads the entries of a HAR file. A JSON syntax error is located by line and column; a wrong or missing field by
/// its JSON path (and line). Optional fields may be missing; <c>request.method</c> and <c>request.url</c> may not.
/// </summary>
public static class HarReader
{
    private const string Fix = "give a HAR file as browsers save it (DevTools > Network > Save all as HAR)";

    public static ImportOutcome<IReadOnlyList<HarEntry>> Read(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            return Failed(new ImportProblem(file, "not valid JSON: " + e.Message.Split(" LineNumber:", 2)[0].Split(" Path:", 2)[0].TrimEnd('.', ' '), "repair the JSON at this spot or save the HAR again")
            { Line = (int)(e.LineNumber ?? 0) + 1, Column = (int)(e.BytePositionInLine ?? 0) + 1 });
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("log", out var log) || log.ValueKind != JsonValueKind.Object)
                return Failed(At(file, text, "$.log", "there is no \"log\" object, so this is not a HAR file"));
            if (!log.TryGetProperty("entries", out var entries) || entries.ValueKind != JsonValueKind.Array)
                return Failed(At(file, text, "$.log.entries", "\"entries\" is missing or not a list"));
            var read = new List<HarEntry>();
            var index = 0;
            foreach (var entry in entries.EnumerateArray())
            {
                var problem = ReadEntry(file, text, entry, index, out var harEntry);
                if (problem is not null)
                    return Failed(problem);
                if (harEntry is not null)
                    read.Add(harEntry);
                index++;
            }
            return ImportOutcome<IReadOnlyList<HarEntry>>.Ok(read);
        }
    }

    private static ImportProblem? ReadEntry(string file, string text, JsonElement entry, int index, out HarEntry? read)
    {
        read = null;
        var path = $"$.log.entries[{index}]";
        if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Object)
            return At(file, text, $"{path}.request", "the entry has no \"request\" object");
        if (String(request, "method") is not { Length: > 0 } method)
            return At(file, text, $"{path}.request.method", "the request has no method");
        if (String(request, "url") is not { } url)
            return At(file, text, $"{path}.request.url", "the request has no url");
        // On Unix a path such as /a parses as an absolute file: URI; a HAR url never is one.
        if (url.StartsWith('/') || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return At(file, text, $"{path}.request.url", "the url is not absolute");
        var post = request.TryGetProperty("postData", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        var response = entry.TryGetProperty("response", out var r) && r.ValueKind == JsonValueKind.Object ? r : default;
        var content = response.ValueKind == JsonValueKind.Object && response.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        read = new HarEntry
        {
            Index = index,
            Method = method.ToUpperInvariant(),
            Url = uri,
            Headers = Pairs(request, "headers"),
            Cookies = Pairs(request, "cookies"),
            BodyMimeType = String(post, "mimeType"),
            BodyText = String(post, "text"),
            FormParams = Pairs(post, "params"),
            Status = response.ValueKind == JsonValueKind.Object && response.TryGetProperty("status", out var s) && s.TryGetInt32(out var status) ? status : 0,
            ResponseMimeType = String(content, "mimeType"),
            ResponseText = Body(content),
            ResourceType = String(entry, "_resourceType"),
        };
        return null;
    }

    private static string? Body(JsonElement content)
    {
        if (String(content, "text") is not { } text)
            return null;
        if (String(content, "encoding") != "base64")
            return text;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(text));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<HarHeader> Pairs(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array)
            return [];
        return [.. list.EnumerateArray()
            .Where(item => String(item, "name") is not null)
            .Select(item => new HarHeader(String(item, "name")!, String(item, "value") ?? ""))];
    }

    private static ImportProblem At(string file, string text, string path, string message) =>
        new(file, message, Fix) { JsonPath = path, Line = JsonLineFinder.LineOf(text, path) };

    private static ImportOutcome<IReadOnlyList<HarEntry>> Failed(ImportProblem problem) => ImportOutcome<IReadOnlyList<HarEntry>>.Failed(problem);
}
