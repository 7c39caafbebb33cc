using System.CommandLine;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;

namespace LoadOps.Cli.Tests;

/// <summary>Result files in a temporary folder, and a way to run one command against them.</summary>
internal sealed class ResultFixtures : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("loadops-cli-");

    public string Path(string name) => System.IO.Path.Combine(_folder.FullName, name);

    /// <summary>Writes a result whose 'pay' latencies are spread around <paramref name="medianMicros"/>.</summary>
    public string Write(string name, double medianMicros, string runId = "run-1", string? shardId = null, int version = 1, string definition = "checkout",
        DateTimeOffset? start = null, string? commit = null)
    {
        var at = start ?? Start;
        var histogram = HistogramCodec.Create();
        for (var i = 0; i < 400; i++)
            histogram.RecordValue((long)(medianMicros * (0.5 + (i / 400.0))));
        var interval = new IntervalStats { Start = at, Ok = 400, Histogram = HistogramCodec.Encode(histogram) };
        var result = new ResultFile
        {
            Version = version,
            RunId = runId,
            ShardId = shardId,
            Definition = definition,
            DefinitionHash = "h1",
            Location = "local",
            Commit = commit,
            Start = at,
            End = at.AddSeconds(5),
            Steps = [new StepResult("main", "pay", [interval])],
        };
        var path = Path(name);
        File.WriteAllText(path, LoadOpsJson.Serialize(result));
        return path;
    }

    public string WriteText(string name, string text)
    {
        File.WriteAllText(Path(name), text);
        return Path(name);
    }

    public static Task<(int Exit, string Output, string Error)> RunAsync(Command command, params string[] args) =>
        CliRun.RunAsync([command.Name, .. args]);

    public void Dispose() => _folder.Delete(recursive: true);
}
