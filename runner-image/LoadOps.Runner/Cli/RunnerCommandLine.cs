using System.CommandLine;
using LoadOps.Runner.Execution;

namespace LoadOps.Runner.Cli;

/// <summary>
/// Parses and runs one <c>loadops-runner</c> command line (<see cref="ShardCommand"/>, <see cref="AgentCommand"/>);
/// Program and the tests both come through here. Every usage error exits 2 with a sentence and the usage.
/// </summary>
public static class RunnerCommandLine
{
    public const string UsageText = """
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

    public static RootCommand CreateRoot(ShardRunnerOptions? options = null) =>
        new("loadops-runner: the LoadOps load engine (one shard, a work item, or a BYO pool agent).")
        {
            ShardCommand.Create(options),
            AgentCommand.Create(),
        };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken, ShardRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        var parsed = CreateRoot(options).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // A token no command knows gets one sentence naming it (the library would list every stray token, values too).
            if (parsed.UnmatchedTokens.Count > 0)
            {
                var command = parsed.CommandResult.Command;
                return Usage(error, command is RootCommand
                    ? $"unknown command '{parsed.UnmatchedTokens[0]}'"
                    : $"{command.Name} does not take '{parsed.UnmatchedTokens[0]}'");
            }
            foreach (var problem in parsed.Errors.Skip(1))
                await error.WriteLineAsync($"error: {problem.Message}");
            return Usage(error, parsed.Errors[0].Message);
        }
        // Signals are handled by StopSignals (a graceful stop that writes a partial result), not by the library.
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null }, cancellationToken);
    }

    /// <summary>Prints <paramref name="problem"/> and the usage; returns the usage exit code.</summary>
    internal static int Usage(TextWriter error, string problem)
    {
        error.WriteLine($"error: {problem}");
        error.WriteLine(UsageText);
        return RunnerExitCodes.Usage;
    }
}
