using System.CommandLine;
using LoadOps.Runner.Agent;

namespace LoadOps.Runner.Cli;

/// <summary>
/// <c>agent --pool NAME (--queue-url URL | --servicebus NAMESPACE)</c>: serves a BYO runner pool until SIGTERM
/// (<see cref="PoolAgent"/>). Every flag may come from the environment instead (<see cref="AgentArguments"/>); queue
/// keys only ever do.
/// </summary>
internal static class AgentCommand
{
    public static Command Create()
    {
        var pool = new Option<string>("--pool") { Description = "The pool to serve (or LOADOPS_POOL)." };
        var queueUrl = new Option<string>("--queue-url") { Description = "The pool's Storage queue URL with a SAS for process and update (or LOADOPS_QUEUE_URL)." };
        var serviceBus = new Option<string>("--servicebus") { Description = "Service Bus namespace; its Listen key from LOADOPS_QUEUE_CONNECTION or LOADOPS_QUEUE_KEY_NAME/_KEY." };
        var queueName = new Option<string>("--queue-name") { Description = "Service Bus queue (default: the pool's)." };
        var workDir = new Option<string>("--work-dir") { Description = "Where shards wait to be reported (or LOADOPS_WORK_DIR, or systemd's STATE_DIRECTORY)." };
        var lockSeconds = new Option<int?>("--lock") { Description = "Storage queues: seconds an item stays hidden (default 60)." };
        var heartbeat = new Option<int?>("--heartbeat") { Description = "Service Bus: seconds between lock renewals (default 20)." };
        var poll = new Option<int?>("--poll") { Description = "Seconds to wait after an empty queue (default 5)." };
        var http = ShardCommand.HttpOption();
        var command = new Command("agent", "Serve a BYO runner pool: run its shards one at a time until SIGTERM (drain).")
        {
            pool, queueUrl, serviceBus, queueName, workDir, lockSeconds, heartbeat, poll, http,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var flags = new AgentFlags
            {
                Pool = parsed.GetValue(pool),
                QueueUrl = parsed.GetValue(queueUrl),
                ServiceBus = parsed.GetValue(serviceBus),
                QueueName = parsed.GetValue(queueName),
                WorkDirectory = parsed.GetValue(workDir),
                LockSeconds = parsed.GetValue(lockSeconds),
                HeartbeatSeconds = parsed.GetValue(heartbeat),
                PollSeconds = parsed.GetValue(poll),
                Http = parsed.GetValue(http),
            };
            var error = parsed.InvocationConfiguration.Error;
            var (settings, queue, problem) = AgentArguments.Parse(flags, Environment.GetEnvironmentVariable);
            if (problem is not null)
                return RunnerCommandLine.Usage(error, problem);
            using var signals = new StopSignals(cancellationToken, error);
            return await new PoolAgent(settings!, queue!, parsed.InvocationConfiguration.Output).RunAsync(signals.Token, cancellationToken);
        });
        return command;
    }
}
