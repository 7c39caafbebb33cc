using System.Globalization;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace LoadOps.Core.Reports;

/// <summary>
/// Renders one report template with the limits and escapers every LoadOps template gets (undefined variables are
/// errors, loops are bounded); a failure while rendering becomes a located <see cref="TemplateError"/>.
/// </summary>
internal static class TemplateRun
{
    public static RenderOutcome Render(Template template, ScriptObject globals, string fallbackFile)
    {
        ImportEscapers(globals);
        var context = new TemplateContext
        {
            StrictVariables = true,
            LoopLimit = 1_000_000,
            LimitToString = 0,
            RecursiveLimit = 50,
            TemplateLoader = ShippedPartials.Instance,
        };
        context.PushCulture(CultureInfo.InvariantCulture);
        context.PushGlobal(globals);
        try
        {
            return RenderOutcome.Success(template.Render(context));
        }
        catch (ScriptRuntimeException e)
        {
            var file = template.SourceFilePath ?? fallbackFile;
            return RenderOutcome.Failure([ReportTemplates.Located(e.Span, file, e.OriginalMessage)]);
        }
    }

    private static void ImportEscapers(ScriptObject globals)
    {
        static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        globals.Import("esc_html", new Func<object?, string>(v => TextEscaper.Html(Text(v))));
        globals.Import("esc_xml", new Func<object?, string>(v => TextEscaper.Xml(Text(v))));
        globals.Import("esc_json", new Func<object?, string>(v => TextEscaper.Json(Text(v))));
        globals.Import("esc_md", new Func<object?, string>(v => TextEscaper.Markdown(Text(v))));
        globals.Import("esc_slack", new Func<object?, string>(v => TextEscaper.Slack(Text(v))));
        globals.Import("cut", new Func<object?, int, string>((v, max) => TextEscaper.Truncate(Text(v), max)));
    }
}
