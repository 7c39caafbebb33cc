using System.Text.Json;
using LoadOps.Core.Planning;
using LoadOps.Core.Serialization;

namespace LoadOps.Cli.Serve;

/// <summary>
/// The files of one local runner under <c>{out}/runs/{runId}/shards/{shardId}/</c>: <c>process.json</c> (the launch
/// claim and the process), <c>runner.log</c> (its output), <c>work/</c> (the runner's outbox: <c>shards/{shardId}/</c>
/// while it runs and reports, <c>done/{shardId}</c> once it has reported) and <c>exit.txt</c> once serve has seen it end.
/// </summary>
internal sealed record LocalRunnerFiles(string Folder, string ShardId)
{
    public string ProcessFile => Path.Combine(Folder, "process.json");
    public string ExitFile => Path.Combine(Folder, "exit.txt");
    public string LogPath => Path.Combine(Folder, "runner.log");
    public string WorkDirectory => Path.Combine(Folder, "work");

    /// <summary>Written by the runner after its ShardDone was sent.</summary>
    public string DoneMarker => Path.Combine(WorkDirectory, "done", ShardId);

    /// <summary>The result (or last interim snapshot) of a runner that has not reported it.</summary>
    public string PendingResult => Path.Combine(WorkDirectory, "shards", ShardId, "result.json");

    public static LocalRunnerFiles For(string outDirectory, ShardSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new LocalRunnerFiles(Path.Combine(outDirectory, "runs", spec.RunId, "shards", spec.ShardId), spec.ShardId);
    }

    /// <summary>The runners a serve started whose end no serve has seen yet.</summary>
    public static IEnumerable<LocalRunnerFiles> Unsettled(string outDirectory)
    {
        var runs = Path.Combine(outDirectory, "runs");
        if (!Directory.Exists(runs))
            yield break;
        foreach (var shards in Directory.EnumerateDirectories(runs).Select(r => Path.Combine(r, "shards")).Where(Directory.Exists))
        {
            foreach (var folder in Directory.EnumerateDirectories(shards))
            {
                var files = new LocalRunnerFiles(folder, Path.GetFileName(folder));
                if (File.Exists(files.ProcessFile) && !File.Exists(files.ExitFile))
                    yield return files;
            }
        }
    }

    /// <summary>Creates <c>process.json</c> only if it does not exist: of two serves launching one shard, one wins.</summary>
    public bool TryClaim(LocalRunnerRecord record)
    {
        Directory.CreateDirectory(Folder);
        try
        {
            using var file = new FileStream(ProcessFile, FileMode.CreateNew, FileAccess.Write);
            JsonSerializer.Serialize(file, record, LoadOpsJson.Compact);
            return true;
        }
        catch (IOException) when (File.Exists(ProcessFile))
        {
            return false;
        }
    }

    /// <summary>Replaces <c>process.json</c> whole (write aside, then rename), so a reader never sees half of it.</summary>
    public void Write(LocalRunnerRecord record)
    {
        var temporary = ProcessFile + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(record, LoadOpsJson.Compact));
        File.Move(temporary, ProcessFile, overwrite: true);
    }

    /// <summary>The record, or null when it is missing or unreadable (a claim cut short by a crash).</summary>
    public LocalRunnerRecord? Read()
    {
        try
        {
            return JsonSerializer.Deserialize<LocalRunnerRecord>(File.ReadAllText(ProcessFile), LoadOpsJson.Compact);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void MarkExited(string how) => File.WriteAllText(ExitFile, how + Environment.NewLine);
}
