using System.Security.Cryptography;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;
using LoadOps.Pipeline;
using LoadOps.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LoadOps.IntegrationTests.Pipeline;

/// <summary>
/// A repository folder with one 3-second definition against the sample target (started on a free loopback port),
/// the stages over fresh Azurite names, an in-process launcher and a queue pump.
/// </summary>
internal sealed class PipelineRig : IAsyncDisposable
{
    public const string TestName = "pipeline-smoke";

    private readonly SampleTargetHost _target;

    private PipelineRig(SampleTargetHost target, string folder, StorageClients clients, PipelineStages stages, InProcessLauncher launcher, QueuePump pump, List<string> log)
    {
        _target = target;
        Folder = folder;
        Clients = clients;
        Stages = stages;
        Launcher = launcher;
        Pump = pump;
        Log = log;
    }

    public string Folder { get; }
    public StorageClients Clients { get; }
    public PipelineStages Stages { get; }
    public InProcessLauncher Launcher { get; }
    public QueuePump Pump { get; }
    public List<string> Log { get; }

    public static async Task<PipelineRig> StartAsync(AzuriteFixture azurite, int doneMessagesPerShard, CancellationToken cancellationToken, IReadOnlySet<int>? silentShards = null, string? definitionText = null, QueuePumpOptions? pumpOptions = null, bool launcherThrows = false,
        Func<string, string>? definitionFor = null, IReadOnlyDictionary<string, string>? repositoryFiles = null, Func<string, string?>? runnerEnvironment = null)
    {
        var target = await SampleTargetHost.StartAsync();
        var baseUrl = target.BaseUrl;

        var folder = Path.Combine(Path.GetTempPath(), "loadops-pipeline-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Directory.CreateDirectory(Path.Combine(folder, "repo", "loadtests"));
        await File.WriteAllTextAsync(Path.Combine(folder, "repo", "loadtests", "smoke.loadtest.yaml"),
            definitionFor?.Invoke(baseUrl) ?? definitionText ?? Definition(baseUrl), cancellationToken);
        foreach (var (path, text) in repositoryFiles ?? new Dictionary<string, string>())
        {
            var file = Path.Combine(folder, "repo", path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, text, cancellationToken);
        }

        var clients = await azurite.NewClientsAsync(cancellationToken);
        var log = new List<string>();
        var sender = new StageSender(clients);
        var launcher = new InProcessLauncher(new ResultStore(clients, TimeProvider.System), sender, Path.Combine(folder, "shards"))
        {
            DoneMessagesPerShard = doneMessagesPerShard,
            SilentShards = silentShards ?? new HashSet<int>(),
            Throws = launcherThrows,
            Environment = runnerEnvironment,
        };
        var plan = new PlanOptions { StartDelay = TimeSpan.FromSeconds(2), ReportGrace = TimeSpan.FromSeconds(30), Interval = TimeSpan.FromSeconds(1) };
        var stages = new PipelineStages(AzurePipelineStores.Create(clients, TimeProvider.System), new LocalDefinitionSource(Path.Combine(folder, "repo")), launcher, TimeProvider.System, plan);
        var pump = new QueuePump(stages, clients, line => { lock (log) log.Add(line); }, pumpOptions ?? new QueuePumpOptions { VisibilityTimeout = TimeSpan.FromSeconds(20) });
        return new PipelineRig(target, folder, clients, stages, launcher, pump, log);
    }

    public static RunRequest Request(string requestId) => new()
    {
        RequestId = requestId,
        Trigger = RunTrigger.Push,
        Repository = "octo/shop",
        Commit = "0123456789abcdef0123456789abcdef01234567",
        Branch = "main",
    };

    /// <summary>Pumps the queues until the run is terminal; bounded to one minute.</summary>
    public async Task<RunRecord> PumpUntilTerminalAsync(string runId, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (DateTime.UtcNow < until)
        {
            await Pump.PumpOnceAsync(cancellationToken);
            if (await Stages.Runs.GetAsync(runId, cancellationToken) is { IsTerminal: true } run)
                return run;
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException($"Run {runId} did not finish within a minute. Log: {string.Join(Environment.NewLine, Log)}");
    }

    private static string Definition(string baseUrl) => $$"""
        version: 1
        name: {{TestName}}
        target:
          baseUrl: {{baseUrl}}
        load:
          model: open
          stages:
            - { duration: 3s, rate: 20 }
        scenarios:
          - name: browse
            steps:
              - name: list-products
                request: GET /api/products?page=1
                expect: { status: 200 }
        runners:
          - { location: local, count: 2 }
        thresholds:
          - "errors < 50%"
        baseline:
          branch: main
          runs: 3
        """;

    public async ValueTask DisposeAsync()
    {
        await _target.DisposeAsync();
        if (Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
    }
}
