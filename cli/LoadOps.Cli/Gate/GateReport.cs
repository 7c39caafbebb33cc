using System.Text;
using LoadOps.Cloud.Api;

namespace LoadOps.Cli.Gate;

/// <summary>
/// What the gate writes for the job summary (<c>report.md</c>): each run's own Markdown report when it has one, a short
/// section for a run that ended without a verdict, and a heading saying so when the wait timed out. The texts are
/// documented in docs/api.md.
/// </summary>
internal static class GateReport
{
    public const string TimeoutHeading = "### ⏳ LoadOps gate: inconclusive";

    public static string Markdown(GateOptions options, IReadOnlyList<RunView> runs, bool finished, IReadOnlyDictionary<string, string> reports)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runs);
        var text = new StringBuilder();
        if (!finished)
        {
            text.AppendLine(TimeoutHeading).AppendLine();
            if (runs.Count == 0)
            {
                text.AppendLine(options.Test is null
                    ? $"No verdict within {Duration(options.Timeout)}: no run was started for {options.Repository} at `{options.Commit}`. " +
                      "Is the GitHub webhook pointed at LoadOps, and does the repository have loadtests/?"
                    : $"No verdict within {Duration(options.Timeout)}: the run of {options.Test} was not picked up by the pipeline.");
            }
            else
            {
                text.AppendLine($"No verdict within {Duration(options.Timeout)}:").AppendLine();
                foreach (var run in runs)
                    text.AppendLine($"- {run.Test} (`{run.RunId}`): {GateWaiter.StatusText(run)}{(run.Finished ? ", " + run.Outcome.ToString().ToLowerInvariant() : "")}");
            }
            text.AppendLine();
        }

        foreach (var run in runs.Where(r => r.Finished))
        {
            if (reports.TryGetValue(run.RunId, out var report))
            {
                text.AppendLine(report.TrimEnd()).AppendLine();
                continue;
            }
            var title = run.Outcome switch
            {
                RunOutcome.Invalid => "Invalid definition",
                RunOutcome.Incomplete => "Incomplete",
                var other => other.ToString(),
            };
            text.AppendLine($"### ⚠️ LoadOps {run.Test}: {title}").AppendLine();
            text.AppendLine($"Run `{run.RunId}` {GateWaiter.StatusText(run)}: {run.StatusReason ?? run.Headline ?? "no reason recorded"}").AppendLine();
        }
        return text.ToString();
    }

    public static GateSummary Summary(GateOptions options, IReadOnlyList<RunView> runs, GateVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(verdict);
        var deciding = verdict.Deciding;
        var status = deciding is null ? "waiting" : deciding.Finished ? GateWaiter.StatusText(deciding) : "waiting: " + GateWaiter.StatusText(deciding);
        return new GateSummary(
            verdict.Word, verdict.ExitCode, deciding?.RunId, status, deciding?.Headline, deciding?.ReportUrl, deciding?.P95DeltaPercent,
            options.Repository, options.Commit,
            runs.Select(r => new GateRunSummary(
                r.RunId, r.Test, GateWaiter.StatusText(r), r.Outcome.ToString().ToLowerInvariant(), r.Verdict?.ToString().ToLowerInvariant(),
                r.Headline, r.ReportUrl, r.P95DeltaPercent)).ToList());
    }

    public static string Duration(TimeSpan duration) =>
        duration.TotalMinutes >= 1 && duration.Seconds == 0 ? $"{(int)duration.TotalMinutes}m" : $"{duration.TotalSeconds:0.#}s";
}
