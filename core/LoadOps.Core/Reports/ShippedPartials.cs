using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace LoadOps.Core.Reports;

/// <summary>
/// Serves <c>{{ include '_name.scriban' }}</c> from the partials shipped in this assembly (the SVG chart drawing shared
/// by the run report and the history page), so an overriding template can reuse them.
/// </summary>
internal sealed class ShippedPartials : ITemplateLoader
{
    public static readonly ShippedPartials Instance = new();

    private const string Prefix = "LoadOps.Core.Reports.Templates.";

    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) =>
        templateName.StartsWith('_') && templateName.EndsWith(".scriban", StringComparison.Ordinal) && !templateName.Contains('/')
            ? Prefix + templateName
            : throw new ScriptRuntimeException(callerSpan, $"'{templateName}' is not a shipped partial; partials are named like '_svg-chart.scriban'.");

    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath)
    {
        using var stream = typeof(ShippedPartials).Assembly.GetManifestResourceStream(templatePath)
            ?? throw new ScriptRuntimeException(callerSpan, $"there is no shipped partial '{templatePath[Prefix.Length..]}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        ValueTask.FromResult<string?>(Load(context, callerSpan, templatePath));
}
