using LoadOps.Cloud.Api;
using LoadOps.Core.Pipeline;
using LoadOps.Pipeline;
using LoadOps.Pipeline.Live;

namespace LoadOps.Cli.Gate;

/// <summary>
/// Polls the run API until the runs finish or the deadline passes, waiting longer between polls as it goes
/// (<see cref="GateOptions.FirstPoll"/>, growing by half, at most <see cref="GateOptions.MaxPoll"/>), with one progress
/// line whenever something changed and at least every minute; while a run is under way the line carries its live
/// figures (<see cref="LiveFiguresText"/>).
/// </summary>
internal sealed class GateWaiter(GateClient client, GateOptions options, TextWriter output, TimeProvider clock)
{
    private static readonly TimeSpan QuietLimit = TimeSpan.FromMinutes(1);

    /// <summary>Waits for one run, by id (a 404 means the validate stage has not created it yet).</summary>
    public Task<GateWait> WaitForRunAsync(string runId, DateTimeOffset deadline, CancellationToken cancellationToken) =>
        PollAsync(deadline, async ct =>
        {
            var answer = await client.GetRunAsync(runId, ct);
            return answer.Problem == GateCallProblem.NotFound
                ? (Array.Empty<RunView>(), GateCallProblem.None, $"{runId}: waiting for the pipeline to pick up the request")
                : (answer.Value is null ? [] : [answer.Value], answer.Problem, answer.Message);
        }, contacted: true, cancellationToken);

    /// <summary>Waits for the runs a push or pull request of the commit started (runs started through the API are not counted).</summary>
    public Task<GateWait> WaitForCommitAsync(DateTimeOffset deadline, CancellationToken cancellationToken) =>
        PollAsync(deadline, async ct =>
        {
            var answer = await client.ListByCommitAsync(options.Repository, options.Commit, ct);
            if (answer.Problem == GateCallProblem.NotFound)
                return ([], GateCallProblem.Refused, $"{answer.Message} (is --url the base URL of the LoadOps Functions app or of loadops serve?)");
            var runs = answer.Value?.Runs.Where(r => r.Trigger is RunTrigger.Push or RunTrigger.PullRequest).ToList() ?? [];
            var waiting = answer.Value is not null && runs.Count == 0
                ? $"no run for {options.Repository} at {Short(options.Commit)} yet: waiting for the push or pull request webhook"
                : answer.Message;
            return (runs, answer.Problem, waiting);
        }, contacted: false, cancellationToken);

    private async Task<GateWait> PollAsync(
        DateTimeOffset deadline, Func<CancellationToken, Task<(IReadOnlyList<RunView> Runs, GateCallProblem Problem, string Message)>> poll,
        bool contacted, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        var delay = options.FirstPoll;
        IReadOnlyList<RunView> last = [];
        var finishedOnce = "";
        var lastLine = "";
        var lastPrinted = started;
        while (true)
        {
            // Ctrl-C ends the wait, not the gate: the runs as last seen are reported as unfinished (exit 3).
            if (cancellationToken.IsCancellationRequested)
                return new GateWait(last, false);
            (IReadOnlyList<RunView> Runs, GateCallProblem Problem, string Message) polled;
            try
            {
                polled = await poll(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return new GateWait(last, false);
            }
            var (runs, problem, message) = polled;
            // A URL that never answered is a wrong URL (exit 2); one that answered before is having a bad moment.
            if (problem == GateCallProblem.Refused || (problem == GateCallProblem.Unreachable && !contacted))
                return new GateWait(last, false, message);
            contacted |= problem != GateCallProblem.Unreachable;
            if (problem == GateCallProblem.None)
                last = runs;

            // Finished twice in a row with the same runs: a push's runs are created one by one, so one look is not enough.
            var finished = problem == GateCallProblem.None && runs.Count > 0 && runs.All(r => r.Finished);
            var key = string.Join(",", runs.Select(r => r.RunId));
            if (finished && key == finishedOnce)
                return new GateWait(last, true);
            finishedOnce = finished ? key : "";

            var now = clock.GetUtcNow();
            var line = problem != GateCallProblem.None ? $"warning: {message}; retrying" : runs.Count == 0 ? message : string.Join("; ", runs.Select(Progress));
            if (line != lastLine || now - lastPrinted >= QuietLimit)
            {
                await output.WriteLineAsync($"[{Elapsed(now - started)}] {line}");
                (lastLine, lastPrinted) = (line, now);
            }
            if (now >= deadline)
                return new GateWait(last, false);

            var wait = finished ? TimeSpan.FromMilliseconds(Math.Min(500, delay.TotalMilliseconds)) : delay;
            try
            {
                await Task.Delay(wait < deadline - now ? wait : deadline - now, clock, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return new GateWait(last, false);
            }
            delay = TimeSpan.FromTicks(Math.Min(options.MaxPoll.Ticks, (long)(delay.Ticks * 1.5)));
        }
    }

    private static string Progress(RunView run)
    {
        var shards = run.ShardCount > 0 ? $", {run.ShardsReported}/{run.ShardCount} shards reported" : "";
        var verdict = run.Finished ? $": {run.Outcome.ToString().ToLowerInvariant()}" : "";
        var live = run.Live is { } figures && !run.Finished ? "; " + LiveFiguresText.Line(figures) : "";
        return $"{run.Test} ({run.RunId}) {StatusText(run)}{shards}{verdict}{live}";
    }

    public static string StatusText(RunView run) => run.Status switch
    {
        RunStatus.TimedOut => "timed out",
        var status => status.ToString().ToLowerInvariant(),
    };

    private static string Elapsed(TimeSpan elapsed) => $"{(int)elapsed.TotalMinutes}:{elapsed.Seconds:00}";

    private static string Short(string commit) => commit.Length > 12 ? commit[..12] : commit;
}
