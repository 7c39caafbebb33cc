using System.Text.Json;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;
using LoadOps.Runner.Cli;
using LoadOps.Runner.Execution;

namespace LoadOps.Runner.Agent;

/// <summary>
/// <c>shard --work-env NAME</c> (an ACI container group): runs the <see cref="PoolWorkItem"/> held in an environment
/// variable (a secure value), then uploads and reports it through the same <see cref="ResultOutbox"/> as pool agents.
/// Exit codes (<see cref="RunnerExitCodes"/>): 0 reported complete, 3 reported partial, 1 the result could not be
/// reported before the grants expired, 2 no usable work item. The item's grants are never printed.
/// </summary>
internal static class EnvironmentWork
{
    public static async Task<int> RunAsync(
        string variable, string workDirectory, ShardRunnerOptions options, TextWriter error, CancellationToken drain, CancellationToken abort)
    {
        var time = options.Time;
        var log = LineLoggerProvider.For(options.Output, time, "runner");

        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            await error.WriteLineAsync($"error: the environment variable {variable} is empty or not set; it must hold the runner's work item (the launcher sets it)");
            return RunnerExitCodes.Usage;
        }
        PoolWorkItem? work;
        try
        {
            work = JsonSerializer.Deserialize<PoolWorkItem>(text, LoadOpsJson.Compact);
        }
        catch (JsonException e)
        {
            // The message names the position only; the value carries SAS grants and is not echoed.
            await error.WriteLineAsync($"error: {variable} is not a LoadOps work item (JSON error at byte {e.BytePositionInLine ?? 0}); the value is not shown");
            return RunnerExitCodes.Usage;
        }
        var id = work?.Spec?.ShardId;
        if (work is null || id is null || id.Length == 0 || id.IndexOfAny(['/', '\\']) >= 0 || id is "." or ".." || work.ResultUploadUrl is null || work.DoneQueueUrl is null)
        {
            await error.WriteLineAsync($"error: {variable} holds no usable work item (a spec with a shard id, an upload URL and a done-queue URL)");
            return RunnerExitCodes.Usage;
        }
        if (time.GetUtcNow() >= work.ExpiresOn)
        {
            await error.WriteLineAsync($"error: {id}: the run's deadline {work.ExpiresOn:O} has passed; nothing was run");
            return RunnerExitCodes.Failed;
        }

        var outbox = new ResultOutbox(Path.GetFullPath(workDirectory), time, log);
        var folder = await outbox.KeepAsync(work, abort);
        AgentLog.Running(log, id);
        ShardRunResult run;
        await using (InterimUploader.Start(work, folder, time, log))
            run = await ShardRunner.RunAsync(work.Spec, folder, drain, options);
        if (!run.Started)
        {
            foreach (var problem in run.Errors)
                await error.WriteLineAsync($"error: {id}: cannot run: {problem}");
            Directory.Delete(folder, recursive: true);
            return RunnerExitCodes.Usage;
        }
        if (!await outbox.ReportAsync(folder, abort))
            return RunnerExitCodes.Failed;
        return run.Result!.Status == ResultStatus.Complete ? RunnerExitCodes.Complete : RunnerExitCodes.Partial;
    }
}
