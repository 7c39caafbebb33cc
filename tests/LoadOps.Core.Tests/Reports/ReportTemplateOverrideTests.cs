using LoadOps.Core.Reports;

namespace LoadOps.Core.Tests.Reports;

public sealed class ReportTemplateOverrideTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("loadops-templates-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_template_in_the_override_directory_wins()
    {
        File.WriteAllText(Path.Combine(_directory, "report.md.scriban"), "custom {{ report.test_name }}: {{ report.verdict }}");

        var renderer = new ReportRenderer(_directory);

        Assert.Equal("custom checkout: regression", renderer.Render(ReportSamples.Regression(), ReportFormat.Markdown).Text);
        Assert.StartsWith("<?xml", renderer.Render(ReportSamples.Regression(), ReportFormat.JUnit).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_override_directory_falls_back_to_the_shipped_templates()
    {
        var renderer = new ReportRenderer(Path.Combine(_directory, "does-not-exist"));

        var outcome = renderer.Render(ReportSamples.Regression(), ReportFormat.Markdown);

        Assert.StartsWith("<!-- loadops:comment test=checkout -->", outcome.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_that_does_not_parse_yields_its_file_line_and_column()
    {
        var path = Path.Combine(_directory, "report.html.scriban");
        File.WriteAllText(path, "<h1>{{ report.test_name }}</h1>\n<p>{{ for x in }}</p>\n");

        var outcome = new ReportRenderer(_directory).Render(ReportSamples.Regression(), ReportFormat.Html);

        Assert.False(outcome.Succeeded);
        var error = outcome.Errors[0];
        Assert.Equal(path, error.File);
        Assert.Equal(2, error.Line);
        Assert.InRange(error.Column, 4, 17);
        Assert.StartsWith($"{path}:2:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_that_fails_while_rendering_yields_a_located_error()
    {
        var path = Path.Combine(_directory, "report.slack.json.scriban");
        File.WriteAllText(path, "{\n  \"text\": {{ report.headline | esc_json }},\n  \"x\": {{ no_such_variable }}\n}\n");

        var outcome = new ReportRenderer(_directory).Render(ReportSamples.Regression(), ReportFormat.Slack);

        Assert.False(outcome.Succeeded);
        Assert.Equal((path, 3), (outcome.Errors[0].File, outcome.Errors[0].Line));
        Assert.Contains("no_such_variable", outcome.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_that_loops_forever_is_stopped_with_a_located_error()
    {
        File.WriteAllText(Path.Combine(_directory, "report.md.scriban"), "{{ while true }}x{{ end }}");

        var outcome = new ReportRenderer(_directory).Render(ReportSamples.Regression(), ReportFormat.Markdown);

        Assert.False(outcome.Succeeded);
        Assert.Equal(1, outcome.Errors[0].Line);
    }
}
