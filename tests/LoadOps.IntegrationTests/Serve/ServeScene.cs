using System.Security.Cryptography;
using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;
using LoadOps.Testing;

namespace LoadOps.IntegrationTests.Serve;

/// <summary>
/// What most serve tests stand on: the sample target in this process, and a throwaway folder holding a repository with
/// one smoke definition against it (<see cref="Repository"/>) and serve's output folder (<see cref="Out"/>). Both go
/// away with the scene.
/// </summary>
internal sealed class ServeScene : IAsyncDisposable
{
    private ServeScene(SampleTargetHost target, string folder)
    {
        Target = target;
        Folder = folder;
    }

    public SampleTargetHost Target { get; }
    public string Folder { get; }
    public string Repository => Path.Combine(Folder, "repo");
    public string Out => Path.Combine(Folder, "out");

    /// <summary>Starts the target and writes <c>loadtests/{test}.loadtest.yaml</c>: <paramref name="seconds"/> of load from <paramref name="runners"/> local runners.</summary>
    public static async Task<ServeScene> StartAsync(string test, CancellationToken cancellationToken, int seconds = 2, int runners = 1)
    {
        var target = await SampleTargetHost.StartAsync();
        var folder = Path.Combine(Path.GetTempPath(), $"loadops-{test}-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Directory.CreateDirectory(Path.Combine(folder, "repo", "loadtests"));
        await File.WriteAllTextAsync(Path.Combine(folder, "repo", "loadtests", $"{test}.loadtest.yaml"),
            SmokeDefinition.Yaml(test, target.BaseUrl, seconds, runners), cancellationToken);
        return new ServeScene(target, folder);
    }

    /// <summary>
    /// Polls the run every half second until it ends, <paramref name="attempts"/> polls have passed or
    /// <paramref name="giveUp"/> says so (serve exited); the last record seen, null if the run never appeared.
    /// </summary>
    public static async Task<RunRecord?> WaitForEndAsync(RunStore runs, string runId, int attempts, CancellationToken cancellationToken, Func<bool>? giveUp = null)
    {
        RunRecord? run = null;
        for (var i = 0; i < attempts && run is not { IsTerminal: true } && giveUp?.Invoke() != true; i++)
        {
            await Task.Delay(500, cancellationToken);
            run = await runs.GetAsync(runId, cancellationToken);
        }
        return run;
    }

    public async ValueTask DisposeAsync()
    {
        await Target.DisposeAsync();
        if (Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
    }
}
