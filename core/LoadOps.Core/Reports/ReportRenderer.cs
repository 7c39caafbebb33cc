using LoadOps.Core.Reports.Charts;
using Scriban.Runtime;

namespace LoadOps.Core.Reports;

/// <summary>
/// Renders a <see cref="ReportModel"/> as a PR comment (Markdown), a Slack message, an HTML page or JUnit XML,
/// from Scriban templates. Templates in <c>templateDirectory</c> (a repository's <c>.loadops/templates/</c>)
/// replace the shipped ones of the same file name; a broken one yields located errors, never an exception.
/// </summary>
public sealed class ReportRenderer(string? templateDirectory = null)
{
    /// <summary>GitHub's limit on the body of an issue or PR comment, in characters.</summary>
    public const int MarkdownLimit = 65_536;

    private const string CutNote = "\n\n_…cut to fit GitHub's comment size limit; the HTML report has everything._\n";

    private readonly ReportTemplates _templates = new(templateDirectory);

    public RenderOutcome Render(ReportModel model, ReportFormat format)
    {
        ArgumentNullException.ThrowIfNull(model);
        var view = ReportView.From(model);
        var outcome = RenderView(model, view, format);
        if (format != ReportFormat.Markdown || !outcome.Succeeded || outcome.Text!.Length <= MarkdownLimit)
            return outcome;

        // Too long for a comment: halve the detail tables until it fits, then cut as a last resort.
        for (var rows = view.LongestTable / 2; rows >= 0; rows /= 2)
        {
            outcome = RenderView(model, view.Capped(rows), format);
            if (!outcome.Succeeded || outcome.Text!.Length <= MarkdownLimit)
                return outcome;
            if (rows == 0)
                break;
        }
        return RenderOutcome.Success(TextEscaper.Truncate(outcome.Text, MarkdownLimit - CutNote.Length) + CutNote);
    }

    private RenderOutcome RenderView(ReportModel model, ReportView view, ReportFormat format)
    {
        var (template, errors) = _templates.Get(format);
        if (template is null)
            return RenderOutcome.Failure(errors);

        var globals = new ScriptObject();
        globals.SetValue("report", view, readOnly: true);
        switch (format)
        {
            case ReportFormat.Markdown:
                globals.SetValue("mermaid_latency", MermaidChart.Latency(model.Intervals), readOnly: true);
                globals.SetValue("mermaid_history", MermaidChart.History(model.History), readOnly: true);
                break;
            case ReportFormat.Html:
                globals.SetValue("charts", HtmlCharts.From(model), readOnly: true);
                break;
            case ReportFormat.JUnit:
                globals.SetValue("junit", JUnitSuiteView.From(model), readOnly: true);
                break;
        }
        return TemplateRun.Render(template, globals, ReportTemplates.FileName(format));
    }
}
