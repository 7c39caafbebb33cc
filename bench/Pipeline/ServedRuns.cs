using System.Diagnostics;
using LoadOps.Cloud.Pipeline;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;
using LoadOps.Pipeline;
using static LoadOps.Bench.Pipeline.RealRunnersBenchmark;

namespace LoadOps.Bench.Pipeline;

/// <summary>
/// Runs sent to one serve host in this process (<see cref="RealRunnersBenchmark"/>) and followed to their end: the run
/// record polled until reported, then the reports copied and every runner seen to end, so no run spills into the next.
/// </summary>
internal sealed class ServedRuns(Task serving, StringWriter log, string outFolder, IRunRepository runs, StageSender sender)
{
    public async Task<RunOutcome> RunOnceAsync(string requestId, CancellationToken cancellationToken)
    {
        var runId = RunIds.For(requestId, TestName);
        var clock = Stopwatch.StartNew();
        var sentAt = DateTimeOffset.UtcNow;
        await sender.SendAsync(new RunRequest
        {
            RequestId = requestId,
            Trigger = RunTrigger.Push,
            Repository = "bench/pipeline-real",
            Commit = "89abcdef0123456789abcdef0123456789abcdef",
            Branch = "main",
        }, cancellationToken);
        var reads = 0;
        while (true)
        {
            if (clock.Elapsed > RunLimit)
                throw Fail($"{runId} was not reported within {RunLimit.TotalMinutes} minutes");
            if (serving.IsCompleted)
            {
                await serving;
                throw Fail("serve stopped before the run was reported");
            }
            await Task.Delay(RecordPoll, cancellationToken);
            var run = await runs.GetAsync(runId, cancellationToken);
            reads++;
            if (run?.Status == RunStatus.Reported)
                break;
            if (run?.IsTerminal == true)
                throw Fail($"{runId}: {run.Status} ({run.StatusReason})");
        }
        var wall = clock.Elapsed;
        var reportedAt = DateTimeOffset.UtcNow;
        var reported = await runs.GetAsync(runId, cancellationToken);
        reads++;
        if (reported!.ShardsDone != reported.ShardCount)
            throw Fail($"{runId}: {reported.ShardsDone} of {reported.ShardCount} shards done ({reported.ShardsMissing} missing, {reported.ShardsFailed} failed)");
        await SettleAsync(runId, reported.ShardCount, cancellationToken);
        // Serve leaves ReportGrace at the planner's default, so the deadline gives back the common start.
        var startAt = reported.Deadline!.Value - LoadDuration - new PlanOptions().ReportGrace;
        var loadEnd = startAt + LoadDuration;
        return new RunOutcome(wall, reads, startAt - StartDelay - sentAt, reportedAt - loadEnd, LastDone(runId) - loadEnd, LateStarts(runId), $"{reported.Status}: {reported.StatusReason}");
    }

    /// <summary>Waits until serve has copied the reports and seen every runner end, so no run's work spills into the next.</summary>
    private async Task SettleAsync(string runId, int shards, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var shardFolders = Path.Combine(outFolder, "runs", runId, "shards");
        while (!(LogContains($"run {runId}: ") && Directory.EnumerateFiles(shardFolders, "exit.txt", SearchOption.AllDirectories).Count() == shards))
        {
            if (clock.Elapsed > SettleLimit)
                throw Fail($"{runId}: reports not copied or runners not settled within {SettleLimit.TotalSeconds} s");
            await Task.Delay(RecordPoll, cancellationToken);
        }
    }

    /// <summary>When the last runner of the run wrote its done marker (<c>work/done/{shardId}</c>), just after sending its ShardDone.</summary>
    private DateTimeOffset LastDone(string runId) =>
        Directory.EnumerateFiles(Path.Combine(outFolder, "runs", runId, "shards"), "*", SearchOption.AllDirectories)
            .Where(file => Path.GetFileName(Path.GetDirectoryName(file)) == "done")
            .Max(file => new DateTimeOffset(File.GetLastWriteTimeUtc(file)));

    /// <summary>Shards whose runner said it started after the common start time (the start delay was too short for it).</summary>
    private int LateStarts(string runId) =>
        Directory.EnumerateFiles(Path.Combine(outFolder, "runs", runId, "shards"), "runner.log", SearchOption.AllDirectories)
            .Count(file => File.ReadAllText(file).Contains("after the common start time", StringComparison.Ordinal));

    private bool LogContains(string text)
    {
        lock (log)
            return log.ToString().Contains(text, StringComparison.Ordinal);
    }

    private InvalidOperationException Fail(string message)
    {
        string tail;
        lock (log)
            tail = string.Join(Environment.NewLine, log.ToString().Split('\n').TakeLast(30));
        return new InvalidOperationException($"{message}{Environment.NewLine}serve's last lines:{Environment.NewLine}{tail}");
    }
}

/// <summary>One run as measured: wall time to reported, the bench's own record reads, where the time went, late runners.</summary>
internal sealed record RunOutcome(TimeSpan Wall, int RecordReads, TimeSpan ToPlan, TimeSpan AfterLoad, TimeSpan ToLastDone, int LateStarts, string Status);
