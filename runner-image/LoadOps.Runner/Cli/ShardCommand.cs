using System.CommandLine;
using System.Text.Json;
using LoadOps.Core.Planning;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;
using LoadOps.Runner.Agent;
using LoadOps.Runner.Execution;
using LoadOps.Runner.Http;

namespace LoadOps.Runner.Cli;

/// <summary>
/// <c>shard --spec FILE</c> runs one shard; <c>--work-env NAME</c> (ACI) and <c>--queue URL</c> (ECS) run one work item
/// with its grants and report it (<see cref="EnvironmentWork"/>, <see cref="PoolAgent.RunOneAsync"/>); bare
/// <c>shard</c> (the image's default) picks one of those two from <c>LOADOPS_WORK</c> or <c>LOADOPS_SHARD_QUEUE</c>.
/// </summary>
internal static class ShardCommand
{
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static Command Create(ShardRunnerOptions? options)
    {
        var spec = new Option<string>("--spec") { Description = "The shard spec (JSON) to run; the result goes to DIR/result.json." };
        var workEnv = new Option<string>("--work-env") { Description = "Run the work item (spec + SAS grants) held in this environment variable (ACI)." };
        var queue = new Option<string>("--queue") { Description = "Take ONE work item from this Storage queue URL (with a SAS), run, report and delete it (ECS)." };
        var output = new Option<string>("--out") { Description = "Where the result (and work folders) go.", DefaultValueFactory = _ => "." };
        var http = HttpOption();
        var wait = new Option<int>("--wait") { Description = "With --queue: how many seconds to wait for an item.", DefaultValueFactory = _ => 120 };
        wait.Validators.Add(result =>
        {
            // A value that is not a number already has the library's error; reading it here would throw.
            if (result.Tokens is [{ } token] && int.TryParse(token.Value, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds is < 1 or > 3600)
                result.AddError("--wait takes whole seconds (1 to 3600)");
        });
        var command = new Command("shard", "Run one shard: from a spec file, a work item in the environment, or one item of a queue.")
        {
            spec, workEnv, queue, output, http, wait,
        };
        command.Validators.Add(result =>
        {
            var given = new[] { spec, workEnv, queue }.Count(o => result.GetResult(o) is not null);
            if (given > 1)
                result.AddError("shard takes one of --spec, --work-env and --queue");
            else if (result.GetResult(wait) is not null && result.GetResult(queue) is null && given == 1)
                result.AddError("--wait goes with --queue only");
        });
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var error = parsed.InvocationConfiguration.Error;
            var runOptions = (options ?? new ShardRunnerOptions()) with { Output = parsed.InvocationConfiguration.Output, Transport = Transport(parsed.GetValue(http)) };
            var outDir = parsed.GetValue(output)!;
            if (parsed.GetValue(spec) is { } specPath)
                return await RunSpecAsync(specPath, outDir, error, runOptions, cancellationToken);
            return await RunWorkAsync(parsed.GetValue(workEnv), parsed.GetValue(queue), parsed.GetValue(wait), outDir, error, runOptions, cancellationToken);
        });
        return command;
    }

    /// <summary><c>--http client|raw</c>: overrides the client the definition chooses (benchmarks, diagnosis).</summary>
    public static Option<string> HttpOption()
    {
        var http = new Option<string>("--http") { Description = "client (HttpClient) or raw (the lean HTTP/1.1 client); default: what the definition says (target.http)." };
        http.AcceptOnlyFromAmong("client", "raw");
        return http;
    }

    /// <summary>The transport asked for on the command line; null to follow the definition (<c>target.http</c>).</summary>
    internal static HttpTransportKind? Transport(string? http)
    {
        var chosen = http switch
        {
            "raw" => HttpTransportKind.Raw,
            "client" => HttpTransportKind.HttpClient,
            _ => (HttpTransportKind?)null,
        };
        // Socket completions run on the event thread rather than hopping to the pool: fewer context switches per
        // request on the raw client (the default). Read when the first socket is made, so this must come first.
        if (chosen != HttpTransportKind.HttpClient && Environment.GetEnvironmentVariable(InlineCompletions) is null)
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
        return chosen;
    }

    private static async Task<int> RunSpecAsync(string specPath, string outDir, TextWriter error, ShardRunnerOptions options, CancellationToken cancellationToken)
    {
        ShardSpec spec;
        try
        {
            spec = LoadOpsJson.Deserialize<ShardSpec>(await File.ReadAllTextAsync(specPath, cancellationToken));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: cannot read the shard spec '{specPath}': {e.Message}");
            return RunnerExitCodes.Usage;
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"{specPath}:{line + 1}:{(e.BytePositionInLine ?? 0) + 1}" : specPath;
            await error.WriteLineAsync($"error: {where}: the shard spec is not valid JSON of a ShardSpec ({e.Message}); produce it with the planner");
            return RunnerExitCodes.Usage;
        }

        using var signals = new StopSignals(cancellationToken, error);
        try
        {
            var run = await ShardRunner.RunAsync(spec, outDir, signals.Token, options);
            if (!run.Started)
            {
                foreach (var problem in run.Errors)
                    await error.WriteLineAsync($"error: {specPath}: {problem}");
                return RunnerExitCodes.Usage;
            }
            await options.Output.WriteLineAsync($"result written to {run.ResultPath} ({run.Result!.Status.ToString().ToLowerInvariant()})");
            return run.Result.Status == ResultStatus.Complete ? RunnerExitCodes.Complete : RunnerExitCodes.Partial;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: the result could not be written into '{outDir}': {e.Message}");
            return RunnerExitCodes.Failed;
        }
    }

    /// <summary>A work item with grants: from an environment variable (ACI) or one item of a queue (ECS).</summary>
    private static async Task<int> RunWorkAsync(
        string? workEnv, string? queueUrl, int wait, string outDir, TextWriter error, ShardRunnerOptions options, CancellationToken cancellationToken)
    {
        if (workEnv is null && queueUrl is null)
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(RunnerCommandLine.WorkVariable)))
                workEnv = RunnerCommandLine.WorkVariable;
            else
                queueUrl = Environment.GetEnvironmentVariable(RunnerCommandLine.QueueVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        }
        if (workEnv is null && queueUrl is null)
            return RunnerCommandLine.Usage(error, $"shard needs --spec FILE, --work-env NAME or --queue URL (or {RunnerCommandLine.WorkVariable} / {RunnerCommandLine.QueueVariable} in the environment)");

        var fullOut = Path.GetFullPath(outDir);
        using var signals = new StopSignals(cancellationToken, error);
        if (workEnv is not null)
            return await EnvironmentWork.RunAsync(workEnv, fullOut, options, error, signals.Token, cancellationToken);

        var settings = new AgentSettings
        {
            Pool = "shard-queue",
            WorkDirectory = fullOut,
            PollInterval = TimeSpan.FromSeconds(1),
            Transport = options.Transport,
            Time = options.Time,
        };
        var (_, queue, problem) = AgentArguments.StorageQueue(queueUrl!, settings);
        if (problem is not null)
            return RunnerCommandLine.Usage(error, problem);
        return await new PoolAgent(settings, queue!, options.Output).RunOneAsync(TimeSpan.FromSeconds(wait), signals.Token, cancellationToken);
    }
}
