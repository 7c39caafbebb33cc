using System.Collections.Concurrent;
using Scriban;
using Scriban.Parsing;

namespace LoadOps.Core.Reports;

/// <summary>
/// Finds the Scriban template of a format: a file of the same name in the override directory (a repository's
/// <c>.loadops/templates/</c>) wins over the template shipped in this assembly.
/// </summary>
internal sealed class ReportTemplates(string? overrideDirectory)
{
    private static readonly ConcurrentDictionary<string, Template> Shipped = new();
    private readonly Dictionary<string, (Template?, IReadOnlyList<TemplateError>)> _overrides = [];

    public static string FileName(ReportFormat format) => format switch
    {
        ReportFormat.Markdown => "report.md.scriban",
        ReportFormat.Slack => "report.slack.json.scriban",
        ReportFormat.Html => "report.html.scriban",
        ReportFormat.JUnit => "report.junit.xml.scriban",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format."),
    };

    /// <summary>The template to render, or the located errors of a broken override.</summary>
    public (Template? Template, IReadOnlyList<TemplateError> Errors) Get(ReportFormat format) => Get(FileName(format));

    /// <summary>The template of a shipped file name (e.g. <c>history.html.scriban</c>), overridable like the run reports.</summary>
    public (Template? Template, IReadOnlyList<TemplateError> Errors) Get(string fileName)
    {
        if (overrideDirectory is not null)
        {
            var path = Path.Combine(overrideDirectory, fileName);
            if (File.Exists(path))
            {
                lock (_overrides)
                {
                    if (!_overrides.TryGetValue(fileName, out var loaded))
                        _overrides[fileName] = loaded = Load(path);
                    return loaded;
                }
            }
        }
        return (Shipped.GetOrAdd(fileName, ParseShipped), []);
    }

    private static (Template?, IReadOnlyList<TemplateError>) Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, [new TemplateError(path, 1, 1, $"cannot read the template: {e.Message}")]);
        }
        var template = Template.Parse(text, path);
        if (!template.HasErrors)
            return (template, []);
        var errors = template.Messages
            .Where(m => m.Type == ParserMessageType.Error)
            .Select(m => Located(m.Span, path, m.Message))
            .ToList();
        return (null, errors);
    }

    internal static TemplateError Located(SourceSpan span, string fallbackFile, string message) => new(
        string.IsNullOrEmpty(span.FileName) ? fallbackFile : span.FileName,
        span.Start.Line + 1,
        span.Start.Column + 1,
        message);

    private static Template ParseShipped(string fileName)
    {
        var name = "LoadOps.Core.Reports.Templates." + fileName;
        using var stream = typeof(ReportTemplates).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The shipped template '{name}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var template = Template.Parse(reader.ReadToEnd(), name);
        return template.HasErrors
            ? throw new InvalidOperationException($"The shipped template '{name}' does not parse: {string.Join("; ", template.Messages)}")
            : template;
    }
}
