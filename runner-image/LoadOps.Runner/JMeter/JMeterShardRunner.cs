using System.Globalization;
using LoadOps.Core.Definitions;
using LoadOps.Core.Engines;
using LoadOps.Core.Importing.JMeter;
using LoadOps.Core.Importing.Results;
using LoadOps.Core.Planning;
using LoadOps.Core.Results;
using LoadOps.Runner.Execution;
using LoadOps.Runner.Recording;

namespace LoadOps.Runner.JMeter;

/// <summary>
/// Runs an <c>engine: jmeter</c> shard: writes the plan that travelled in the spec, waits for the common start, runs
/// JMeter in non-GUI mode with this shard's share as properties (<see cref="JMeterProperties"/>), bounded by the shard's
/// deadline, and turns its CSV results into the shard's result file with the JTL importer, so merge, baseline and
/// reports treat it like any shard. A JMeter that is missing or fails ends the shard with the reason, no result.
/// </summary>
internal static class JMeterShardRunner
{
    public const string PlanFile = "plan.jmx";
    public const string ResultsFile = "results.jtl";

    public static async Task<ShardRunResult> RunAsync(ShardSpec spec, string outputDirectory, ShardRunnerOptions options, CancellationToken cancellationToken)
    {
        if (spec.Definition.Engine?.Plan is not { } plan)
            return ShardRunResult.Invalid(["the shard's definition has engine: jmeter but carries no plan; plan the run with LoadOps, which reads the script into it"]);
        if (SpecProblems(spec) is { Count: > 0 } problems)
            return ShardRunResult.Invalid(problems);
        if (ResultWriter.CheckWritable(outputDirectory) is { } unwritable)
            return ShardRunResult.Invalid([unwritable]);
        var threads = JMeterProperties.Threads(spec);
        string? launcher = null;
        if (threads > 0 && (launcher = JMeterLauncher.Locate(options.Environment, out var missing)) is null)
            return ShardRunResult.Invalid([missing!]);

        var time = options.Time;
        var console = new RunnerConsole(options.Output, SecretValues.Empty);
        var properties = JMeterProperties.For(spec);
        console.Line(string.Create(CultureInfo.InvariantCulture,
            $"shard {spec.ShardId} ({spec.ShardIndex + 1} of {spec.ShardCount}) of run {spec.RunId}: JMeter plan {spec.Definition.Engine.Script}, " +
            $"{string.Join(", ", properties.Select(p => $"{p.Key}={p.Value}"))}; start at {spec.StartAt:O}"));

        var work = Path.Combine(outputDirectory, "jmeter");
        Directory.CreateDirectory(work);
        await File.WriteAllTextAsync(Path.Combine(work, PlanFile), plan, CancellationToken.None);
        var results = Path.Combine(work, ResultsFile);
        File.Delete(results); // JMeter appends to an existing results file

        if (!await WaitForStartAsync(spec, time, cancellationToken))
        {
            console.Line("stopped before the start; no load was issued");
            return await JMeterShardResult.WriteAsync(spec, outputDirectory, JMeterShardResult.Empty(spec, time.GetUtcNow(), ResultStatus.Partial), console);
        }
        if (threads == 0)
        {
            console.Line("this shard's share of the users is 0 (fewer users than runners): JMeter is not started");
            return await JMeterShardResult.WriteAsync(spec, outputDirectory, JMeterShardResult.Empty(spec, time.GetUtcNow(), ResultStatus.Complete), console);
        }

        using var deadline = spec.Deadline is { } end ? new CancellationTokenSource(Max(end - time.GetUtcNow(), TimeSpan.Zero), time) : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var run = await JMeterProcess.RunAsync(launcher!, Arguments(properties), work, text => console.Line("jmeter: " + text), options.DrainTimeout, time, stop.Token);
        if (run.StartProblem is { } notStarted)
            return ShardRunResult.Invalid([notStarted]);
        if (run.Stopped)
            console.Line(deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                ? "stopped at the shard's deadline: the plan ran longer than the definition's stages (does its thread group read ${__P(duration)}?)"
                : "stopped: JMeter was asked to stop; its results so far are kept");
        else if (run.ExitCode != 0)
            return ShardRunResult.Invalid([JMeterFailure.Reason(run.Output, run.ExitCode, "no reason was printed; see jmeter/jmeter.log beside the result",
                Path.Combine(work, PlanFile), spec.Definition.Engine.Script)]);

        var text = File.Exists(results) ? await File.ReadAllTextAsync(results, CancellationToken.None) : "";
        if (run.Stopped && text.LastIndexOf('\n') is var cut and >= 0)
            text = text[..(cut + 1)]; // a line cut off by the stop is not a sample
        if (text.Trim().Length == 0 || text.Trim().Split('\n').Length < 2)
        {
            if (run.Stopped)
                return await JMeterShardResult.WriteAsync(spec, outputDirectory, JMeterShardResult.Empty(spec, time.GetUtcNow(), ResultStatus.Partial), console);
            return ShardRunResult.Invalid([JMeterFailure.Reason(run.Output, run.ExitCode,
                "JMeter ran but wrote no samples; check that the plan's thread groups take their users from ${__P(threads,1)} and that it has samplers",
                Path.Combine(work, PlanFile), spec.Definition.Engine.Script)]);
        }
        var imported = JtlImporter.Import(results, text, new ImportSettings(JtlImporter.Tool, spec.Definition.Name, spec.RunId)
        {
            SourceId = spec.ShardId,
            Interval = spec.Interval,
        });
        if (!imported.Succeeded)
            return ShardRunResult.Invalid([$"JMeter's results could not be read: {imported.Problem}"]);
        var status = run.Stopped ? ResultStatus.Partial : ResultStatus.Complete;
        return await JMeterShardResult.WriteAsync(spec, outputDirectory, JMeterShardResult.AsShard(spec, imported.Value!, status), console);
    }

    /// <summary>What the planner guarantees, checked again for a spec made by hand (<c>shard --spec FILE</c>).</summary>
    private static List<string> SpecProblems(ShardSpec spec)
    {
        var problems = new List<string>();
        if (spec.ShardCount < 1 || spec.ShardIndex < 0 || spec.ShardIndex >= spec.ShardCount)
            problems.Add($"shardIndex {spec.ShardIndex} is not within shardCount {spec.ShardCount}");
        if (spec.Interval <= TimeSpan.Zero)
            problems.Add("interval must be positive, e.g. 00:00:05");
        var load = spec.Definition.Load;
        if (load.Model != LoadModel.Closed || load.Stages.Count == 0 || load.Stages.Any(s => s.Duration <= TimeSpan.Zero || s.Target < 0 || !double.IsFinite(s.Target)))
            problems.Add("engine: jmeter needs a closed load with stages of a positive duration and users >= 0");
        if (!Uri.TryCreate(spec.Definition.Target.BaseUrl, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
            problems.Add($"target.baseUrl '{spec.Definition.Target.BaseUrl}' is not an absolute http(s) URL");
        return problems;
    }

    private static async Task<bool> WaitForStartAsync(ShardSpec spec, TimeProvider time, CancellationToken cancellationToken)
    {
        var untilStart = spec.StartAt - time.GetUtcNow();
        if (untilStart <= TimeSpan.Zero)
            return !cancellationToken.IsCancellationRequested;
        try
        {
            await Task.Delay(untilStart, time, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static List<string> Arguments(IReadOnlyList<KeyValuePair<string, string>> properties) =>
    [
        "-n", "-t", PlanFile, "-l", ResultsFile, "-j", "jmeter.log",
        // The importer needs CSV with a header row and millisecond timestamps, whatever the installation's defaults.
        "-Jjmeter.save.saveservice.output_format=csv",
        "-Jjmeter.save.saveservice.print_field_names=true",
        "-Jjmeter.save.saveservice.timestamp_format=ms",
        // Each sample reaches the file as it is taken, so a JMeter ended at the deadline loses none.
        "-Jjmeter.save.saveservice.autoflush=true",
        .. properties.Select(p => $"-J{p.Key}={p.Value}"),
    ];

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
