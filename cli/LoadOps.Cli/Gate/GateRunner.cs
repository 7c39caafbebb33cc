using LoadOps.Cloud.Api;
using LoadOps.Core.Serialization;

namespace LoadOps.Cli.Gate;

/// <summary>
/// The gate itself: start a run (with a test) or find the runs the push started (without), wait for them, write
/// <c>report.md</c> and <c>summary.json</c>, print the report and answer with the exit code of <c>loadops run</c>.
/// </summary>
internal sealed class GateRunner(HttpClient http, TextWriter output, TextWriter error, TimeProvider clock)
{
    public async Task<int> RunAsync(GateOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = new GateClient(http, options.Url, options.Token);
        var deadline = clock.GetUtcNow() + options.Timeout;
        var waiter = new GateWaiter(client, options, output, clock);
        GateWait wait;
        if (options.Test is { } test)
        {
            var started = await client.StartAsync(new StartRunBody(options.Repository, options.Commit, options.Branch, test, options.PullRequest), cancellationToken);
            if (started.Value is not { } accepted)
            {
                await error.WriteLineAsync($"error: the run of {test} could not be started: {started.Message}");
                // A server error or timeout (a cold start, say) is not the caller's mistake; the start is not retried
                // because a lost 202 would start a second run.
                return started.Problem == GateCallProblem.Transient ? ExitCodes.Inconclusive : ExitCodes.Usage;
            }
            var runId = accepted.RunIds.FirstOrDefault() ?? "";
            await output.WriteLineAsync($"loadops gate: started {test} for {options.Repository} at {options.Commit} ({options.Branch}): run {runId}, {accepted.StatusUrl}");
            wait = await waiter.WaitForRunAsync(runId, deadline, cancellationToken);
        }
        else
        {
            await output.WriteLineAsync($"loadops gate: waiting for the runs the push or pull request of {options.Repository} at {options.Commit} started");
            wait = await waiter.WaitForCommitAsync(deadline, cancellationToken);
        }
        if (wait.Failure is { } failure)
        {
            await error.WriteLineAsync("error: " + failure);
            return ExitCodes.Usage;
        }

        // After Ctrl-C the token is cancelled; the reports of what was seen are still written.
        var stopped = cancellationToken.IsCancellationRequested;
        if (stopped)
            cancellationToken = CancellationToken.None;
        var reports = new Dictionary<string, string>();
        foreach (var run in wait.Runs.Where(r => r.Finished && r.Reports.Any(f => f.Name == "report.md")))
        {
            if (await client.GetReportAsync(run.RunId, "report.md", cancellationToken) is { } report)
                reports[run.RunId] = report;
        }
        var verdict = GateVerdict.Decide(wait.Runs, wait.Finished);
        var markdown = GateReport.Markdown(options, wait.Runs, wait.Finished, reports);
        try
        {
            Directory.CreateDirectory(options.OutDirectory);
            await File.WriteAllTextAsync(Path.Combine(options.OutDirectory, "report.md"), markdown, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(options.OutDirectory, "summary.json"), LoadOpsJson.Serialize(GateReport.Summary(options, wait.Runs, verdict)), cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: cannot write to {options.OutDirectory}: {e.Message}");
            return ExitCodes.Usage;
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(markdown.TrimEnd());
        await output.WriteLineAsync();
        var headline = verdict.Deciding?.Headline is { } line ? $": {line}" : "";
        if (stopped)
        {
            await output.WriteLineAsync($"LoadOps gate: stopped by Ctrl-C before the runs finished; they go on in the pipeline (exit 3; {Path.Combine(options.OutDirectory, "report.md")})");
            return ExitCodes.Inconclusive;
        }
        await output.WriteLineAsync($"LoadOps gate: {verdict.Word.ToUpperInvariant()}{headline} (exit {verdict.ExitCode}; {Path.Combine(options.OutDirectory, "report.md")})");
        return verdict.ExitCode;
    }
}
