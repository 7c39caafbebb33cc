using System.CommandLine;
using LoadOps.Cli.Files;

namespace LoadOps.Cli.History;

/// <summary>
/// <c>loadops baseline accept RUN [--history DIR]</c>: accepts the level of a run in the local history as the new
/// baseline (a slowdown that was intended). Later runs are compared with that run and the clean runs after it.
/// Exit 0 accepted, 2 when the run is not in the history.
/// </summary>
internal static class BaselineCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("RUN") { Description = "The run id (as printed by loadops run) whose level becomes the baseline." };
        var history = new Option<string?>("--history") { Description = "History folder (default: .loadops/history in the repository of the current folder)." };
        var accept = new Command("accept", "Accept a run's level as the new baseline: later runs are compared with it, not with the runs before it.") { run, history };
        accept.SetAction(async (parse, cancellationToken) =>
        {
            var root = parse.GetValue(history) ?? Path.Combine(RepositoryRoot.Find(Directory.GetCurrentDirectory()) ?? Directory.GetCurrentDirectory(), LocalHistoryStore.DefaultFolder);
            var store = new LocalHistoryStore(root);
            var id = parse.GetValue(run)!;
            var path = await store.AcceptAsync(id, Environment.UserName, TimeProvider.System.GetUtcNow(), cancellationToken);
            if (path is null)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: run '{id}' is not in the history at {root}; the run ids are the file names under it (TEST/BRANCH/RUN.json.gz).");
                return ExitCodes.Usage;
            }
            await parse.InvocationConfiguration.Output.WriteLineAsync($"accepted run {id} as the new baseline level ({path}); later runs are compared with it and the clean runs after it.");
            return ExitCodes.Ok;
        });
        return new Command("baseline", "Manage the local baseline: accept an intended new level.") { accept };
    }
}
