using System.Text.Json;
using LoadOps.Core.Planning;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;
using LoadOps.Runner.Agent;
using LoadOps.Runner.Execution;
using LoadOps.Runner.Http;

namespace LoadOps.Runner.Cli;

/// <summary>
/// <c>loadops-runner shard --spec FILE [--out DIR]</c> runs one shard; <c>agent --pool NAME</c> serves a BYO runner pool
/// (<see cref="PoolAgent"/>); <c>shard --queue</c> is reserved and refuses to run until it exists.
/// </summary>
public static class RunnerCommandLine
{
    public const string Usage = """
        usage: loadops-runner shard --spec FILE [--out DIR] [--http client|raw]
                                       run one shard, write DIR/result.json (default DIR: .);
                                       --http raw: the lean HTTP/1.1 client (more requests per core)
               loadops-runner shard --queue QUEUE              (not implemented yet)
               loadops-runner agent --pool NAME (--queue-url URL | --servicebus NAMESPACE [--queue-name Q])
                                    [--work-dir DIR] [--lock S] [--heartbeat S] [--poll S] [--http client|raw]
                                       BYO VM: run the pool's shards one at a time until SIGTERM (drain);
                                       Service Bus key from LOADOPS_QUEUE_CONNECTION or LOADOPS_QUEUE_KEY_NAME/_KEY
        """;

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
            case "shard" when values.ContainsKey("--queue"):
                return NotImplemented(error, "shard --queue (taking the shard spec from a queue)");
            case "shard" when values.GetValueOrDefault("--http", "client") is not ("client" or "raw"):
                return Fail(error, $"--http takes 'client' or 'raw', not '{values["--http"]}'");
            case "shard" when values.TryGetValue("--spec", out var specPath) && values.Keys.All(k => k is "--spec" or "--out" or "--http"):
                if (values.GetValueOrDefault("--http") == "raw" && Environment.GetEnvironmentVariable(InlineCompletions) is null)
                {
                    // Socket completions run on the event thread rather than hopping to the pool: fewer context
                    // switches per request. Read when the first socket is made, so this must come first.
                    Environment.SetEnvironmentVariable(InlineCompletions, "1");
                }
                options = (options ?? new ShardRunnerOptions()) with
                {
                    Transport = values.GetValueOrDefault("--http") == "raw" ? HttpTransportKind.Raw : HttpTransportKind.HttpClient,
                };
                return await RunShardAsync(specPath, values.GetValueOrDefault("--out", "."), output, error, cancellationToken, options);
            case "shard":
                return Fail(error, "shard needs --spec FILE (and optionally --out DIR, --http client|raw), nothing else");
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

    private static int NotImplemented(TextWriter error, string what)
    {
        error.WriteLine($"error: {what} is not implemented yet; run a shard from a file with: loadops-runner shard --spec FILE [--out DIR]");
        return RunnerExitCodes.Usage;
    }

    private static int Fail(TextWriter error, string? problem)
    {
        if (problem is not null)
            error.WriteLine($"error: {problem}");
        error.WriteLine(Usage);
        return problem is null ? RunnerExitCodes.Complete : RunnerExitCodes.Usage;
    }
}
