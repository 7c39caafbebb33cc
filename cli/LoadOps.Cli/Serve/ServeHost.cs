using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Pools;
using LoadOps.Cloud.Storage;
using LoadOps.Cloud.Telemetry;
using LoadOps.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LoadOps.Cli.Serve;

/// <summary>
/// The local host of the pipeline: the stages the Functions app runs, from the same registration (<see cref="ServeApp"/>),
/// driven by polling the stage queues, with local runner processes (and pool work queues for BYO agents) for dispatch,
/// a deadline sweep, live check run updates (<see cref="LiveProgressStage"/>), and every report copied to <c>{out}/runs/{runId}/</c> as well as to the reports container. Nothing a run needs lives only in this process: local
/// runners report through the queues themselves, and a restarted serve follows the runners an earlier one started.
/// </summary>
internal sealed class ServeHost(ServeOptions options, TextWriter output, TimeProvider clock)
{
    /// <summary>The repository name runs and schedules of the local checkout are recorded under.</summary>
    public const string LocalRepository = "local";

    /// <summary>Serve without its own endpoint (tests): builds and starts the app, then runs the loop until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var git = options.WatchRepository is { } watched ? await GitClient.OpenAsync(watched, cancellationToken) : null;
        await using var app = ServeApp.Create(options with { Listen = null }, SourceFor(git), clock, line => Write(output, $"{clock.GetUtcNow():HH:mm:ss} {line}"));
        await app.StartAsync(cancellationToken);
        await RunAsync(app, git, cancellationToken);
    }

    /// <summary>Where the stages read definitions: the watched repository at each run's commit, else the checkout.</summary>
    public IDefinitionSource SourceFor(GitClient? git) => git is null ? new LocalDefinitionSource(options.Repository) : new GitDefinitionSource(git);

    /// <summary>Runs the stages of a started <paramref name="app"/> until cancelled.</summary>
    public async Task RunAsync(ServeApp app, GitClient? git, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var log = (string line) => Write(output, $"{clock.GetUtcNow():HH:mm:ss} {line}");
        using var tracing = PipelineTraceExport.Start(Environment.GetEnvironmentVariable, "loadops-serve", log);
        var stages = app.Services.GetRequiredService<PipelineStages>();
        var clients = app.Services.GetRequiredService<StorageClients>();
        var repositoryWatcher = git is null ? null : await RepositoryWatcher.CreateAsync(git, clients, stages.Sender, LocalRepository, clock, log, cancellationToken);
        using var runners = new LocalRunners(stages, clock, log);
        var local = new LocalRunnerLauncher(options.OutDirectory, new PoolGrants(clients, clock), runners, clock);
        await using var launcher = ServeLauncher.Create(clients, app.Services.GetRequiredService<IConfiguration>(), local, clock);
        app.Services.GetRequiredService<LauncherSlot>().Inner = launcher;
        var recovery = new LocalLaunchRecovery(stages, new PipelineBlobs(clients), local, options.Lease, clock, log);
        if (runners.AdoptLeftovers(options.OutDirectory) is > 0 and var adopted)
            log($"{adopted} local runner(s) started by an earlier serve are followed again");
        var pumpOptions = app.Services.GetRequiredService<IOptions<QueuePumpOptions>>().Value with { VisibilityTimeout = options.Lease };
        var pump = new QueuePump(stages, clients, log, pumpOptions, clock) { AfterReport = (runId, ct) => CopyReportsAsync(stages, runId, log, ct) };

        var nextSweep = clock.GetUtcNow();
        var nextTick = clock.GetUtcNow();
        var nextWatch = clock.GetUtcNow();
        var nextLive = clock.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var busy = await pump.PumpOnceAsync(cancellationToken) + await runners.CheckAsync(cancellationToken);
                if (clock.GetUtcNow() >= nextSweep)
                {
                    busy += await recovery.RecoverAsync(cancellationToken);
                    await pump.SweepAsync(clock.GetUtcNow(), cancellationToken);
                    nextSweep = clock.GetUtcNow() + options.SweepInterval;
                }
                if (clock.GetUtcNow() >= nextTick)
                {
                    await TickSchedulesAsync(stages, log, cancellationToken);
                    nextTick = clock.GetUtcNow() + options.ScheduleInterval;
                }
                if (clock.GetUtcNow() >= nextLive)
                {
                    foreach (var note in await stages.Live.TickAsync(cancellationToken))
                        log("live: " + note);
                    nextLive = clock.GetUtcNow() + stages.Live.Interval;
                }
                if (repositoryWatcher is not null && clock.GetUtcNow() >= nextWatch)
                {
                    busy += await repositoryWatcher.PollAsync(cancellationToken);
                    nextWatch = clock.GetUtcNow() + options.WatchInterval;
                }
                if (busy == 0)
                    await Task.Delay(options.PollInterval, clock, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (GitException e)
            {
                // The watched repository could not be read (git missing, a lock, a timeout): said, then tried again.
                log("git: " + e.Message);
                await Task.Delay(options.PollInterval, clock, CancellationToken.None);
            }
            catch (Azure.RequestFailedException e)
            {
                // Storage hiccups (Azurite restarting, throttling) are retried; messages wait in their queues.
                log($"storage error {e.Status} ({e.ErrorCode}); retrying in {options.PollInterval.TotalSeconds} s");
                await Task.Delay(options.PollInterval, clock, CancellationToken.None);
            }
            catch (AggregateException e) when (StorageFailure.IsUnreachable(e))
            {
                // The SDK's own retries gave up (storage unreachable): said, and tried again until storage is back.
                log($"storage unreachable ({e.InnerExceptions[^1].Message}); retrying in {options.PollInterval.TotalSeconds} s");
                await Task.Delay(options.PollInterval, clock, CancellationToken.None);
            }
        }
        log($"stopping; {runners.Count} local runner(s) still running go on and report their results themselves");
    }

    /// <summary>Registers the repository's schedules (so edits apply) and starts the runs that fell due.</summary>
    private async Task TickSchedulesAsync(PipelineStages stages, Action<string> log, CancellationToken cancellationToken)
    {
        await stages.Schedules.RegisterAsync(LocalRepository, cancellationToken);
        var due = await stages.Schedule.TickAsync(clock.GetUtcNow(), cancellationToken);
        await stages.Sender.SendAsync(due, cancellationToken);
        if (due.Next.Count > 0)
            log("schedule: " + due.Note);
    }

    private async Task CopyReportsAsync(PipelineStages stages, string runId, Action<string> log, CancellationToken cancellationToken)
    {
        var run = await stages.Runs.GetAsync(runId, cancellationToken);
        if (run is null || run.ReportBlobNames.Count == 0)
            return;
        var folder = Path.Combine(options.OutDirectory, "runs", runId);
        Directory.CreateDirectory(folder);
        foreach (var blob in run.ReportBlobNames)
        {
            await using var content = await stages.Results.OpenReportAsync(blob, cancellationToken);
            if (content is null)
                continue;
            await using var file = File.Create(Path.Combine(folder, Path.GetFileName(blob)));
            await content.CopyToAsync(file, cancellationToken);
        }
        log($"run {runId}: {run.Status} — {run.StatusReason}; reports in {folder}");
    }

    private static void Write(TextWriter writer, string line)
    {
        lock (writer)
            writer.WriteLine(line);
    }
}
