using System.Text.Json;
using LoadOps.Core.Planning;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;
using LoadOps.Runner.Agent;
using LoadOps.Runner.Execution;
using LoadOps.Runner.Http;

namespace LoadOps.Runner.Cli;

/// <summary>
/// <c>loadops-runner shard --spec FILE [--out DIR]</c> runs one shard; <c>shard --work-env NAME</c> (ACI) and
/// <c>shard --queue URL</c> (ECS) run one work item with its grants and report it (<see cref="EnvironmentWork"/>,
/// <see cref="PoolAgent.RunOneAsync"/>); bare <c>shard</c> (the image's default) picks one of those two from
/// <c>LOADOPS_WORK</c> or <c>LOADOPS_SHARD_QUEUE</c>; <c>agent --pool NAME</c> serves a BYO runner pool (<see cref="PoolAgent"/>).
/// </summary>
public static class RunnerCommandLine
{
    public const string Usage = """
        usage: loadops-runner shard --spec FILE [--out DIR] [--http client|raw]
                                       run one shard, write DIR/result.json (default DIR: .);
                                       the client follows the definition (target.http 1: the lean raw
                                       HTTP/1.1 client; 2: HttpClient); --http overrides it
               loadops-runner shard --work-env NAME [--out DIR] [--http client|raw]
                                       run the work item (spec + SAS grants) in env NAME, upload, send ShardDone (ACI)
               loadops-runner shard --queue URL [--wait S] [--out DIR] [--http client|raw]
                                       take ONE work item from a Storage queue URL with a SAS, run it, report it,
                                       delete it (ECS); waits up to S seconds (default 120) for an item
               loadops-runner shard    the same, from LOADOPS_WORK (secure env) or LOADOPS_SHARD_QUEUE (the image's default)
                                       exit codes: 0 complete, 3 partial, 1 failed/not reported, 2 bad input
               loadops-runner agent --pool NAME (--queue-url URL | --servicebus NAMESPACE [--queue-name Q])
                                    [--work-dir DIR] [--lock S] [--heartbeat S] [--poll S] [--http client|raw]
                                       BYO VM: run the pool's shards one at a time until SIGTERM (drain);
                                       Service Bus key from LOADOPS_QUEUE_CONNECTION or LOADOPS_QUEUE_KEY_NAME/_KEY
        """;

    /// <summary>Where ACI puts the runner's work item (a secure value); the image's bare <c>shard</c> reads it.</summary>
    public const string WorkVariable = "LOADOPS_WORK";

    /// <summary>Where ECS puts the URL (with a take-only SAS) of the location's shard queue.</summary>
    public const string QueueVariable = "LOADOPS_SHARD_QUEUE";

    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken, ShardRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            return Fail(error, args.Length == 0 ? "a command is required" : null);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                return Fail(error, $"'{args[i]}' is not an option with a value");
            values[args[i]] = args[++i];
        }

        switch (args[0])
        {
            case "agent":
                return await RunAgentAsync(values, output, error, cancellationToken);
            case "shard" when values.GetValueOrDefault("--http", "client") is not ("client" or "raw"):
                return Fail(error, $"--http takes 'client' or 'raw', not '{values["--http"]}'");
            case "shard" when values.Keys.Count(k => k is "--spec" or "--work-env" or "--queue") > 1:
                return Fail(error, "shard takes one of --spec, --work-env and --queue");
            case "shard" when values.Keys.Any(k => k is not ("--spec" or "--work-env" or "--queue" or "--out" or "--http" or "--wait")):
                return Fail(error, $"shard does not take '{values.Keys.First(k => k is not ("--spec" or "--work-env" or "--queue" or "--out" or "--http" or "--wait"))}'");
            case "shard" when values.ContainsKey("--wait") && !values.ContainsKey("--queue") && values.Keys.Any(k => k is "--spec" or "--work-env"):
                return Fail(error, "--wait goes with --queue only");
            case "shard":
                options = (options ?? new ShardRunnerOptions()) with { Output = output, Transport = Transport(values) };
                if (values.TryGetValue("--spec", out var specPath))
                    return await RunShardAsync(specPath, values.GetValueOrDefault("--out", "."), output, error, cancellationToken, options);
                return await RunWorkAsync(values, error, cancellationToken, options);
            default:
                return Fail(error, $"unknown command '{args[0]}'");
        }
    }

    private static async Task<int> RunShardAsync(string specPath, string outDir, TextWriter output, TextWriter error, CancellationToken cancellationToken, ShardRunnerOptions? options)
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
            var run = await ShardRunner.RunAsync(spec, outDir, signals.Token, (options ?? new ShardRunnerOptions()) with { Output = output });
            if (!run.Started)
            {
                foreach (var problem in run.Errors)
                    await error.WriteLineAsync($"error: {specPath}: {problem}");
                return RunnerExitCodes.Usage;
            }
            await output.WriteLineAsync($"result written to {run.ResultPath} ({run.Result!.Status.ToString().ToLowerInvariant()})");
            return run.Result.Status == ResultStatus.Complete ? RunnerExitCodes.Complete : RunnerExitCodes.Partial;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: the result could not be written into '{outDir}': {e.Message}");
            return RunnerExitCodes.Failed;
        }
    }

    private static async Task<int> RunAgentAsync(Dictionary<string, string> values, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var (settings, queue, problem) = AgentArguments.Parse(values, Environment.GetEnvironmentVariable, http);
        if (problem is not null)
            return Fail(error, problem);
        using var signals = new StopSignals(cancellationToken, error);
        return await new PoolAgent(settings!, queue!, output).RunAsync(signals.Token, cancellationToken);
    }

    /// <summary>The transport asked for on the command line; null to follow the definition (<c>target.http</c>).</summary>
    internal static HttpTransportKind? Transport(IReadOnlyDictionary<string, string> values)
    {
        var chosen = values.GetValueOrDefault("--http") switch
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

    /// <summary>A work item with grants: from an environment variable (ACI) or one item of a queue (ECS).</summary>
    private static async Task<int> RunWorkAsync(Dictionary<string, string> values, TextWriter error, CancellationToken cancellationToken, ShardRunnerOptions options)
    {
        var workEnv = values.GetValueOrDefault("--work-env");
        var queueUrl = values.GetValueOrDefault("--queue");
        if (workEnv is null && queueUrl is null)
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(WorkVariable)))
                workEnv = WorkVariable;
            else
                queueUrl = Environment.GetEnvironmentVariable(QueueVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        }
        if (workEnv is null && queueUrl is null)
            return Fail(error, $"shard needs --spec FILE, --work-env NAME or --queue URL (or {WorkVariable} / {QueueVariable} in the environment)");

        var outDir = Path.GetFullPath(values.GetValueOrDefault("--out", "."));
        using var signals = new StopSignals(cancellationToken, error);
        if (workEnv is not null)
            return await EnvironmentWork.RunAsync(workEnv, outDir, options, error, signals.Token, cancellationToken);

        if (!int.TryParse(values.GetValueOrDefault("--wait", "120"), out var wait) || wait is < 1 or > 3600)
            return Fail(error, "--wait takes whole seconds (1 to 3600)");
        var settings = new AgentSettings
        {
            Pool = "shard-queue",
            WorkDirectory = outDir,
            PollInterval = TimeSpan.FromSeconds(1),
            Transport = options.Transport,
            Time = options.Time,
        };
        var (_, queue, problem) = AgentArguments.StorageQueue(queueUrl!, settings);
        if (problem is not null)
            return Fail(error, problem);
        return await new PoolAgent(settings, queue!, options.Output).RunOneAsync(TimeSpan.FromSeconds(wait), signals.Token, cancellationToken);
    }

    private static int Fail(TextWriter error, string? problem)
    {
        if (problem is not null)
            error.WriteLine($"error: {problem}");
        error.WriteLine(Usage);
        return problem is null ? RunnerExitCodes.Complete : RunnerExitCodes.Usage;
    }
}
