using System.Globalization;
using LoadOps.Core.Definitions;
using LoadOps.Core.Planning;
using LoadOps.Core.Results;
using LoadOps.Runner.Http;
using LoadOps.Runner.Load;
using LoadOps.Runner.Recording;
using LoadOps.Runner.Telemetry;

namespace LoadOps.Runner.Execution;

/// <summary>
/// Runs one shard in this process: waits for the common start, issues the shard's share of the load, and writes
/// <c>result.json</c> into the output folder, with an interim snapshot (status <c>running</c>) at each interval's end.
/// Cancelling <c>cancellationToken</c> stops gracefully: issuing ends, in-flight requests get
/// <see cref="ShardRunnerOptions.DrainTimeout"/> to finish, and the result is written with status <c>partial</c>.
/// </summary>
public static class ShardRunner
{
    public static async Task<ShardRunResult> RunAsync(ShardSpec spec, string outputDirectory, CancellationToken cancellationToken, ShardRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        options ??= new ShardRunnerOptions();
        if (spec.Definition.Engine is { Kind: EngineKind.JMeter })
            return await JMeter.JMeterShardRunner.RunAsync(spec, outputDirectory, options, cancellationToken);
        var shard = ShardCompiler.Compile(spec, options.Environment, out var errors);
        if (ResultWriter.CheckWritable(outputDirectory) is { } unwritable)
            errors.Add(unwritable);
        using var metrics = ShardMetrics.Start(spec, options.Environment, out var otlpProblem);
        if (otlpProblem is not null)
            errors.Add(otlpProblem);
        if (shard is null || errors.Count > 0)
            return ShardRunResult.Invalid(errors);

        var time = options.Time;
        var console = new RunnerConsole(options.Output, shard.Secrets);
        console.Line(string.Create(CultureInfo.InvariantCulture,
            $"shard {spec.ShardId} ({spec.ShardIndex + 1} of {spec.ShardCount}) of run {spec.RunId}: {Describe(shard)}; start at {spec.StartAt:O}"));

        // Setup runs in the lead time before the common start; when it fails the shard issues no load.
        using var lifecycle = new LifecycleRunner(shard, console, time);
        var setupFailure = await lifecycle.SetupAsync(cancellationToken);
        var untilStart = setupFailure is null ? spec.StartAt - time.GetUtcNow() : TimeSpan.Zero;
        if (untilStart > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(untilStart, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                console.Line("stopped before the start; no load was issued");
            }
        }

        var clock = new IntervalClock(time, spec.Interval);
        var recorder = new ShardRecorder(clock, shard.Steps.Count);
        var builder = new ResultBuilder(spec, shard.Steps.Select(s => (s.Scenario, s.Name)).ToList(), clock.Origin, 0, console.Sample)
        {
            Settings = new RunSettings { InsecureTls = shard.Tls.Insecure, Http = spec.Definition.Target.Http },
            Metrics = metrics,
        };
        var lateBy = clock.Origin - spec.StartAt;
        if (setupFailure is null && lateBy > options.LateStartTolerance)
        {
            var message = string.Create(CultureInfo.InvariantCulture,
                $"The shard started {lateBy.TotalSeconds:0.0} s after the common start time, so its load did not line up with the other shards'.");
            builder.Note(new TrustIssue("late-start", message, spec.ShardId));
            console.Line("warning: " + message);
        }

        var kind = options.Transport ?? (spec.Definition.Target.Http == 2 ? HttpTransportKind.HttpClient : HttpTransportKind.Raw);
        console.Line(kind == HttpTransportKind.Raw
            ? "http client: raw HTTP/1.1" + (options.Transport is null ? "" : " (--http raw)")
            : $"http client: HttpClient, HTTP/{spec.Definition.Target.Http}" + (options.Transport is null ? " (target.http)" : " (--http client)"));
        if (shard.Tls.Insecure)
            console.Line("warning: target.tls.insecureSkipVerify is set: any certificate is accepted, and the result says so");
        using IHttpTransport transport = kind == HttpTransportKind.Raw
            ? new RawHttpTransport(shard.Target.BaseUri, shard.Steps.Count, shard.Tls)
            : new HttpClientTransport(TargetClientFactory.Create(shard.ConnectionLimit, ConnectTimeout(shard), shard.Tls,
                spec.Definition.Target.Http, shard.Target.BaseUri.Scheme == Uri.UriSchemeHttp));
        using var deadline = spec.Deadline is { } end ? new CancellationTokenSource(Max(end - time.GetUtcNow(), TimeSpan.Zero), time) : new CancellationTokenSource();
        var data = shard.Data;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token, data.Exhausted);
        using var abort = new CancellationTokenSource();
        using var abortLater = stop.Token.Register(() => _ = AbortAfterAsync(abort, options.DrainTimeout, time));

        var flow = new ShardRunFlow(shard, recorder, builder, console, time, outputDirectory);
        using var executor = new StepExecutor(transport, shard, new TemplateRenderer(shard.Secrets, time, shard.Env, shard.Data, shard.Shared), console);
        var iterations = new IterationRunner(shard, executor, recorder, time);
        ILoadDriver driver = shard.Load.Model == LoadModel.Open
            ? new OpenModelDriver(shard, iterations, recorder, time, console)
            : new ClosedModelDriver(shard, iterations, recorder, time, console);

        var completed = setupFailure is null && !stop.IsCancellationRequested && await flow.RunAsync(driver, stop.Token, abort.Token);
        // The last user may have ended on a socket loop's thread (Http/Loop): the rest of the shard runs on the pool.
        await Task.Yield();
        var status = completed ? ResultStatus.Complete : ResultStatus.Partial;
        if (data.ExhaustedReason is { } exhausted)
        {
            builder.Note(new TrustIssue("data-exhausted", exhausted, spec.ShardId));
            console.Line("stopped: " + exhausted);
        }
        if ((setupFailure ?? await lifecycle.TeardownAsync(CancellationToken.None)) is { } lifecycleFailure)
        {
            builder.Note(new TrustIssue(setupFailure is null ? "teardown-failed" : "setup-failed", lifecycleFailure, spec.ShardId));
            console.Line((setupFailure is null ? "" : "no load was issued: ") + lifecycleFailure);
        }
        var result = await flow.FinishAsync(status, CancellationToken.None);
        if (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested && !completed)
            console.Line("stopped at the shard's deadline");
        return new ShardRunResult { Result = result, ResultPath = Path.Combine(outputDirectory, ResultWriter.FileName) };
    }

    private static async Task AbortAfterAsync(CancellationTokenSource abort, TimeSpan delay, TimeProvider time)
    {
        try
        {
            await Task.Delay(delay, time, abort.Token);
            await abort.CancelAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // Already aborted or finished.
        }
    }

    private static TimeSpan ConnectTimeout(PreparedShard shard) =>
        TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(10).Ticks, shard.Steps.Max(s => s.Timeout).Ticks));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Describe(PreparedShard shard) => shard.Load.Model == LoadModel.Open
        ? string.Create(CultureInfo.InvariantCulture, $"open model, {shard.Curve.TotalArrivals:0} arrivals over {DurationText.Format(shard.Curve.Duration)}, peak {shard.Load.PeakTarget:0.##}/s")
        : string.Create(CultureInfo.InvariantCulture, $"closed model, peak {shard.Load.PeakTarget:0} users over {DurationText.Format(shard.Curve.Duration)}");
}
