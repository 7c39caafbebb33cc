using System.Text.Json;
using LoadOps.Cli.Run;
using LoadOps.Cloud.Pools;
using LoadOps.Core.Definitions;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;
using LoadOps.Core.Serialization;
using LoadOps.Pipeline;
using LoadOps.Runner.Cli;

namespace LoadOps.Cli.Serve;

/// <summary>
/// Dispatch for <c>local</c> runners: each shard is a <c>loadops-runner shard --work-env LOADOPS_WORK</c> process on
/// this machine with a work item like an ACI runner's (the spec plus SAS grants to write its result blob and add
/// ShardDone to the collect queue, valid until the run's deadline), so it reports by itself and its result outlives
/// serve. It runs detached (<see cref="DetachedProcess"/>) in <c>{out}/runs/{runId}/shards/{shardId}/</c>, whose
/// create-only <c>process.json</c> makes sure one shard never gets two runners. Azure and AWS are refused:
/// <c>loadops serve</c> does not launch cloud runners; pools are routed elsewhere (<see cref="ServeLauncher"/>).
/// </summary>
internal sealed class LocalRunnerLauncher(string outDirectory, PoolGrants grants, LocalRunners runners, TimeProvider clock) : IShardLauncher
{
    public const string HandlePrefix = "local:";

    public async Task<ShardLaunch> LaunchAsync(ShardSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!RunnerLocation.TryParse(spec.Location, out var location) || location.Kind != RunnerKind.Local)
            return ShardLaunch.Refused($"loadops serve runs only 'local' and 'pool/NAME' runners; '{spec.Location}' needs the cloud launchers (not in serve)");
        var files = LocalRunnerFiles.For(outDirectory, spec);
        var claim = new LocalRunnerRecord(spec.RunId, spec.ShardId, spec.Deadline, clock.GetUtcNow());
        return await StartAsync(spec, files, () => files.TryClaim(claim), claim, cancellationToken);
    }

    /// <summary>
    /// For a shard that dispatch marked launched but whose launch was never recorded (its serve died in between):
    /// adopts the runner if one was started, else starts it. Null while a fresh claim may still be starting its process.
    /// </summary>
    public async Task<ShardLaunch?> RecoverAsync(ShardSpec spec, TimeSpan claimGrace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var files = LocalRunnerFiles.For(outDirectory, spec);
        if (!File.Exists(files.ProcessFile))
            return await LaunchAsync(spec, cancellationToken);
        var record = files.Read();
        if (record?.Pid is not null)
        {
            if (!runners.IsTracked(files) && !File.Exists(files.ExitFile))
                runners.Track(new LocalRunner(files, record, child: null));
            return Handle(files);
        }
        if (record is not null && clock.GetUtcNow() - record.ClaimedAt < claimGrace)
            return null;

        // The claim's serve died between claiming and recording the process: find the process by its folder, or start one.
        if (DetachedProcess.WithArgumentUnder(files.WorkDirectory).FirstOrDefault() is var pid and > 0)
        {
            var found = (record ?? new LocalRunnerRecord(spec.RunId, spec.ShardId, spec.Deadline, clock.GetUtcNow())) with
            {
                Pid = pid,
                StartedAt = DetachedProcess.StartTimeOf(pid) ?? clock.GetUtcNow(),
            };
            files.Write(found);
            runners.Track(new LocalRunner(files, found, child: null));
            return Handle(files);
        }
        var claim = new LocalRunnerRecord(spec.RunId, spec.ShardId, spec.Deadline, clock.GetUtcNow());
        return await StartAsync(spec, files, () => { files.Write(claim); return true; }, claim, cancellationToken);
    }

    private async Task<ShardLaunch> StartAsync(ShardSpec spec, LocalRunnerFiles files, Func<bool> claim, LocalRunnerRecord record, CancellationToken cancellationToken)
    {
        if (grants.ExpiryOf(spec) is not { } expiresOn)
            return ShardLaunch.Refused($"the run's deadline {spec.Deadline:O} has passed; no local runner was started");
        PoolWorkItem work;
        try
        {
            work = await grants.CreateAsync(spec, expiresOn, cancellationToken);
        }
        catch (Azure.RequestFailedException e)
        {
            // The SDK's text may quote URLs with their grants: only the status goes out.
            return ShardLaunch.Refused($"the storage grants for the local runner could not be made ({e.Status} {e.ErrorCode})");
        }
        try
        {
            if (!claim())
                return Handle(files);
            var (fileName, prefix) = RunnerExecutable.Locate();
            Directory.CreateDirectory(files.WorkDirectory);
            var arguments = prefix.Concat(["shard", "--work-env", RunnerCommandLine.WorkVariable, "--out", files.WorkDirectory]);
            var environment = new Dictionary<string, string> { [RunnerCommandLine.WorkVariable] = JsonSerializer.Serialize(work, LoadOpsJson.Compact) };
            var process = DetachedProcess.Start(fileName, arguments, environment, files.LogPath);
            var started = record with { Pid = process.Id, StartedAt = DetachedProcess.StartTimeOf(process.Id) ?? clock.GetUtcNow() };
            files.Write(started);
            runners.Track(new LocalRunner(files, started, process));
            return Handle(files);
        }
        catch (Exception e) when (e is FileNotFoundException or System.ComponentModel.Win32Exception or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return ShardLaunch.Refused("the local runner could not start: " + e.Message);
        }
    }

    private static ShardLaunch Handle(LocalRunnerFiles files) => ShardLaunch.Running(HandlePrefix + files.Folder);
}
