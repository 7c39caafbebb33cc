using System.Text.Json.Nodes;

namespace LoadOps.Core.Importing.Har;

/// <summary>A step being made from one HAR entry; the correlator replaces recorded values with variables before it is written.</summary>
internal sealed class StepDraft(HarEntry entry)
{
    public HarEntry Entry { get; } = entry;
    public string Name { get; set; } = "";

    /// <summary>Path segments as recorded (percent-encoded), or a <c>{{ var }}</c> template.</summary>
    public List<string> Segments { get; } = [];

    /// <summary>Query parameters as recorded (percent-encoded), or templates.</summary>
    public List<(string Name, string Value)> Query { get; } = [];

    public JsonNode? Json { get; set; }
    public string? Body { get; set; }
    public List<(string Name, string Value)> Headers { get; } = [];
    public List<(string Variable, string Path)> Extract { get; } = [];

    public string PathAndQuery =>
        "/" + string.Join('/', Segments) + (Query.Count == 0 ? "" : "?" + string.Join('&', Query.Select(q => q.Value.Length == 0 && q.Name.Length > 0 ? q.Name : $"{q.Name}={q.Value}")));
}
