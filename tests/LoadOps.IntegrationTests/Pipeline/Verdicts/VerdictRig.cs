using System.Security.Cryptography;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Pipeline.Verdicts;

/// <summary>
/// The whole pipeline on Azurite with runners at a chosen latency level (<see cref="LevelShardLauncher"/>): one
/// definition with a baseline of 3 runs (or as asked) on main, pumped until each run is reported.
/// </summary>
internal sealed class VerdictRig : IDisposable
{
    public const string TestName = "checkout";
    public const string Repository = "Codertocat/Hello-World";

    private readonly List<string> _log = [];

    private VerdictRig(string folder, StorageClients clients, PipelineStages stages, LevelShardLauncher launcher)
    {
        Folder = folder;
        Clients = clients;
        Stages = stages;
        Launcher = launcher;
        Pump = new QueuePump(stages, clients, line => { lock (_log) _log.Add(line); }, new QueuePumpOptions { VisibilityTimeout = TimeSpan.FromSeconds(20) });
    }

    public string Folder { get; }
    public StorageClients Clients { get; }
    public PipelineStages Stages { get; }
    public LevelShardLauncher Launcher { get; }
    public QueuePump Pump { get; }

    public static async Task<VerdictRig> StartAsync(AzuriteFixture azurite, CancellationToken cancellationToken, string baselineExtra = "", int baselineRuns = 3)
    {
        var folder = Path.Combine(Path.GetTempPath(), "loadops-verdicts-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Directory.CreateDirectory(Path.Combine(folder, "loadtests"));
        // baseline.noise: the launcher's levels vary by ±1% from run to run, and the definition says so, as a team with
        // runs that steady would; the default belief (3%) would keep its few baseline runs from settling a 5% tolerance.
        await File.WriteAllTextAsync(Path.Combine(folder, "loadtests", "checkout.loadtest.yaml"), $$"""
            version: 1
            name: {{TestName}}
            target: { baseUrl: "http://127.0.0.1:9" }
            load:
              model: open
              stages: [{ duration: 2s, rate: 10 }]
            scenarios:
              - name: browse
                steps: [{ name: list, request: GET / }]
            runners: [{ location: local, count: 1 }]
            baseline:
              branch: main
              runs: {{baselineRuns}}
              metrics: [p50, p95]
              noise: 1%
            {{baselineExtra}}
            """, cancellationToken);
        var clients = await azurite.NewClientsAsync(cancellationToken);
        var launcher = new LevelShardLauncher(new ResultStore(clients, TimeProvider.System), new StageSender(clients));
        var plan = new PlanOptions { StartDelay = TimeSpan.Zero, ReportGrace = TimeSpan.FromSeconds(30), Interval = TimeSpan.FromSeconds(1) };
        var stages = new PipelineStages(AzurePipelineStores.Create(clients, TimeProvider.System), new LocalDefinitionSource(folder), launcher, TimeProvider.System, plan);
        return new VerdictRig(folder, clients, stages, launcher);
    }

    public static RunRequest Push(string requestId, string commit) => new()
    {
        RequestId = requestId, Trigger = RunTrigger.Push, Repository = Repository, Commit = commit, Branch = "main",
    };

    public static RunRequest PullRequest(string requestId, string commit, int number) => new()
    {
        RequestId = requestId, Trigger = RunTrigger.PullRequest, Repository = Repository, Commit = commit, Branch = "feature/slower",
        PullRequest = number, BaseBranch = "main",
    };

    /// <summary>Sends the request, pumps until its run is reported (bounded to a minute) and returns the run's evaluation.</summary>
    public async Task<(RunRecord Run, RunEvaluation Evaluation)> RunAsync(RunRequest request, CancellationToken cancellationToken)
    {
        await Stages.Sender.SendAsync(request, cancellationToken);
        return await WaitAsync(RunIds.For(request.RequestId, TestName), cancellationToken);
    }

    /// <summary>Pumps until the run (perhaps started by the pipeline itself) is reported; bounded to a minute.</summary>
    public async Task<(RunRecord Run, RunEvaluation Evaluation)> WaitAsync(string runId, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (DateTime.UtcNow < until)
        {
            await Pump.PumpOnceAsync(cancellationToken);
            if (await Stages.Runs.GetAsync(runId, cancellationToken) is { IsTerminal: true } run)
            {
                Assert.True(run.Status == RunStatus.Reported, $"{run.Status}: {run.StatusReason}");
                var evaluation = await new PipelineBlobs(Clients).ReadEvaluationAsync(runId, cancellationToken);
                return (run, evaluation ?? throw new InvalidOperationException($"run {runId} has no evaluation"));
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"Run {runId} did not finish within a minute. Log: {string.Join(Environment.NewLine, _log)}");
    }

    public async Task<string> ReportAsync(string runId, CancellationToken cancellationToken)
    {
        await using var markdown = await Stages.Results.OpenReportAsync(ArtifactNames.ReportBlobName(runId, "report.md"), cancellationToken);
        Assert.NotNull(markdown);
        return await new StreamReader(markdown).ReadToEndAsync(cancellationToken);
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
    }
}
