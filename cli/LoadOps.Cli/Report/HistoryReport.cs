using LoadOps.Cli.Files;
using LoadOps.Cli.History;
using LoadOps.Core.Reports;
using LoadOps.Core.Reports.Trends;

namespace LoadOps.Cli.Report;

/// <summary>
/// <c>loadops report --history FOLDER | --test NAME [--compare RUN...] --format html|md</c>: a test's runs over time
/// (p50/p95/p99/rps/errors per run, change points, accepted baselines) and the compared runs side by side. The folder
/// is a test's history (<c>.loadops/history/TEST</c>, all branches; or one branch below it); <c>--test NAME</c> is
/// <c>.loadops/history/NAME</c> at the repository root, or under <c>--history</c> when both are given.
/// </summary>
internal static class HistoryReport
{
    public const double Tolerance = 0.05;

    public static async Task<int> RunAsync(string? historyFolder, string? test, IReadOnlyList<string> compare, ReportFormat format,
        string? templates, string? output, TextWriter stdout, TextWriter error, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (format is not (ReportFormat.Html or ReportFormat.Markdown))
            return await UsageAsync(error, "a history renders as --format html or md.");
        var folder = (historyFolder, test) switch
        {
            (not null, null) => historyFolder,
            (not null, not null) => Path.Combine(historyFolder, test),
            _ => Path.Combine(RepositoryRoot.Find(Directory.GetCurrentDirectory()) ?? Directory.GetCurrentDirectory(), LocalHistoryStore.DefaultFolder, test!),
        };
        var (found, entries, problem) = await HistoryFolderReader.ReadAsync(folder, cancellationToken);
        if (problem is not null)
            return await UsageAsync(error, problem);
        if (test is not null && found != test)
            return await UsageAsync(error, $"{folder}: holds runs of '{found}', not '{test}'.");

        var ids = compare.SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var (model, badCompare) = TrendModelBuilder.Build(found!, entries, ids, Tolerance, clock.GetUtcNow());
        if (model is null)
            return await UsageAsync(error, "--compare: " + badCompare);

        var rendered = new TrendRenderer(templates).Render(model, format);
        if (!rendered.Succeeded)
        {
            foreach (var templateError in rendered.Errors)
                await error.WriteLineAsync($"error: {templateError}");
            return ExitCodes.Usage;
        }
        if (output is not null)
            await File.WriteAllTextAsync(output, rendered.Text, cancellationToken);
        else
            await stdout.WriteAsync(rendered.Text);
        return ExitCodes.Ok;
    }

    private static async Task<int> UsageAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync("error: " + message);
        return ExitCodes.Usage;
    }
}
