using LoadOps.Cli.Files;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Reports;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;

namespace LoadOps.Cli.Run;

/// <summary>Writes a run's files: result.json, evaluation.json and the reports (Markdown, HTML, JUnit, Slack).</summary>
internal static class RunOutputs
{
    public static async Task<IReadOnlyList<string>> WriteAsync(string folder, ResultFile merged, ResultSummary summary, RunEvaluation evaluation,
        TextWriter error, CancellationToken cancellationToken)
    {
        var written = new List<string>();
        var result = Path.Combine(folder, "result.json");
        await File.WriteAllTextAsync(result, LoadOpsJson.Serialize(merged), cancellationToken);
        written.Add(result);
        var judged = Path.Combine(folder, EvaluationFile.FileName);
        await EvaluationFile.WriteAsync(judged, evaluation, cancellationToken);
        written.Add(judged);

        var model = ReportModelBuilder.Build(merged, summary, evaluation);
        var templates = Directory.Exists(".loadops/templates") ? ".loadops/templates" : null;
        var renderer = new ReportRenderer(templates);
        foreach (var (format, fileName, _) in ReportFiles.All)
        {
            var rendered = renderer.Render(model, format);
            if (!rendered.Succeeded)
            {
                // A broken override template costs that report, not the run's data.
                foreach (var problem in rendered.Errors)
                    await error.WriteLineAsync($"error: {problem}");
                continue;
            }
            var path = Path.Combine(folder, fileName);
            await File.WriteAllTextAsync(path, rendered.Text, cancellationToken);
            written.Add(path);
        }
        return written;
    }
}
