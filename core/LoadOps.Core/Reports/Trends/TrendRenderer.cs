using LoadOps.Core.Reports.Charts;
using Scriban.Runtime;

namespace LoadOps.Core.Reports.Trends;

/// <summary>
/// Renders a test's history (<see cref="TrendModel"/>) as an HTML page (<c>history.html.scriban</c>, inline SVG charts
/// with a tooltip per run) or Markdown (<c>history.md.scriban</c>). Templates in <c>templateDirectory</c> replace the
/// shipped ones of the same name; a broken one yields located errors.
/// </summary>
public sealed class TrendRenderer(string? templateDirectory = null)
{
    public const string HtmlTemplate = "history.html.scriban";
    public const string MarkdownTemplate = "history.md.scriban";

    private readonly ReportTemplates _templates = new(templateDirectory);

    /// <summary>Html or Markdown; the other report formats have no history form.</summary>
    public RenderOutcome Render(TrendModel model, ReportFormat format)
    {
        ArgumentNullException.ThrowIfNull(model);
        var fileName = format switch
        {
            ReportFormat.Html => HtmlTemplate,
            ReportFormat.Markdown => MarkdownTemplate,
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "A history renders as html or md."),
        };
        var (template, errors) = _templates.Get(fileName);
        if (template is null)
            return RenderOutcome.Failure(errors);

        var globals = new ScriptObject();
        globals.SetValue("history", TrendView.From(model), readOnly: true);
        if (format == ReportFormat.Html)
            globals.SetValue("charts", TrendCharts.From(model), readOnly: true);
        else
            globals.SetValue("mermaid_history", MermaidChart.History(
                [.. model.Entries.Where(e => e.P95 is not null).Select(e => new HistoryPoint(e.RunId, e.Commit, e.P95!.Value))]), readOnly: true);
        return TemplateRun.Render(template, globals, fileName);
    }
}
