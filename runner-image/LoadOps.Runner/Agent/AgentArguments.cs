using LoadOps.Cloud.Pools;
using LoadOps.Cloud.ServiceBus;
using LoadOps.Runner.Cli;

namespace LoadOps.Runner.Agent;

/// <summary>
/// Reads <c>agent</c>'s flags (<see cref="AgentFlags"/>, parsed by <see cref="AgentCommand"/>) and environment into
/// settings and a work queue: a Storage queue URL with a SAS (<c>--queue-url</c> / <c>LOADOPS_QUEUE_URL</c>), or a Service Bus queue (<c>--servicebus NS</c> /
/// <c>LOADOPS_QUEUE_NAMESPACE</c>, <c>--queue-name</c> / <c>LOADOPS_QUEUE_NAME</c>) with its Listen key from
/// <c>LOADOPS_QUEUE_CONNECTION</c> or <c>LOADOPS_QUEUE_KEY_NAME</c> + <c>LOADOPS_QUEUE_KEY</c> (never a flag: the command
/// line is visible to every user). Never a storage account key. Problems are sentences; no secret is echoed.
/// </summary>
internal static class AgentArguments
{
    public static (AgentSettings? Settings, IWorkQueue? Queue, string? Problem) Parse(AgentFlags flags, Func<string, string?> environment)
    {
        string? Value(string? flag, string variable) => flag ?? (environment(variable) is { Length: > 0 } e ? e : null);

        var pool = Value(flags.Pool, "LOADOPS_POOL");
        if (pool is null || !System.Text.RegularExpressions.Regex.IsMatch(pool, "^[a-z0-9][a-z0-9-]{0,62}$"))
            return Fail(pool is null ? "agent needs --pool NAME (or LOADOPS_POOL)" : $"--pool '{pool}' must be lowercase letters, digits and dashes");
        if (!Seconds(flags.LockSeconds, 60, out var lockDuration) || !Seconds(flags.HeartbeatSeconds, 20, out var heartbeat) || !Seconds(flags.PollSeconds, 5, out var poll))
            return Fail("--lock, --heartbeat and --poll take whole seconds (1 to 3600)");
        if (heartbeat >= lockDuration)
            return Fail("--heartbeat must be shorter than --lock");

        // systemd's StateDirectory= sets STATE_DIRECTORY (a colon-separated list; the first is ours).
        var work = Value(flags.WorkDirectory, "LOADOPS_WORK_DIR") ?? environment("STATE_DIRECTORY")?.Split(':')[0] ?? Path.Combine(Directory.GetCurrentDirectory(), "loadops-agent");
        var settings = new AgentSettings
        {
            Pool = pool,
            WorkDirectory = Path.GetFullPath(work),
            LockDuration = lockDuration,
            HeartbeatInterval = heartbeat,
            PollInterval = poll,
            Transport = ShardCommand.Transport(flags.Http),
        };

        var queueUrl = Value(flags.QueueUrl, "LOADOPS_QUEUE_URL");
        var connection = environment("LOADOPS_QUEUE_CONNECTION");
        var serviceBus = Value(flags.ServiceBus, "LOADOPS_QUEUE_NAMESPACE");
        if (queueUrl is not null && (serviceBus is not null || connection is not null))
            return Fail("give either a Storage queue URL (--queue-url / LOADOPS_QUEUE_URL) or a Service Bus queue (--servicebus, LOADOPS_QUEUE_CONNECTION), not both");
        if (queueUrl is null && serviceBus is null && connection is null)
            return Fail("agent needs its pool's queue: --queue-url URL-WITH-SAS (Storage) or --servicebus NAMESPACE with LOADOPS_QUEUE_CONNECTION or LOADOPS_QUEUE_KEY_NAME/LOADOPS_QUEUE_KEY (Service Bus)");
        var parsed = queueUrl is not null
            ? StorageQueue(queueUrl, settings)
            : ServiceBusQueue(serviceBus, connection, Value(flags.QueueName, "LOADOPS_QUEUE_NAME"), environment, settings);
        // Checked last, once everything else is valid, because checking creates the folder.
        return parsed.Item3 is null && WorkDirectoryProblem(settings.WorkDirectory) is { } workProblem ? Fail(workProblem) : parsed;
    }

    internal static (AgentSettings?, IWorkQueue?, string?) StorageQueue(string text, AgentSettings settings)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
            return Fail("the queue URL must be an absolute https:// URL (http only for 127.0.0.1); value not shown");
        if (!url.Query.Contains("sig=", StringComparison.Ordinal))
            return Fail("the queue URL carries no SAS (no sig=…): create one with process and update permissions (az storage queue generate-sas --permissions pu)");
        if (url.Query.Contains("AccountKey", StringComparison.OrdinalIgnoreCase))
            return Fail("the queue URL must carry a SAS, never a storage account key");
        return (settings, StorageWorkQueue.FromSasUrl(url, settings.LockDuration), null);
    }

    private static (AgentSettings?, IWorkQueue?, string?) ServiceBusQueue(
        string? serviceBus, string? connection, string? queueName, Func<string, string?> environment, AgentSettings settings)
    {
        Uri ns;
        string keyName, key;
        if (connection is not null)
        {
            if (!ServiceBusConnectionString.TryParse(connection, out var parsed, out var problem))
                return Fail("LOADOPS_QUEUE_CONNECTION: " + problem);
            (ns, keyName, key) = (parsed!.Namespace, parsed.KeyName, parsed.Key);
            queueName ??= parsed.EntityPath;
        }
        else
        {
            var (name, secret) = (environment("LOADOPS_QUEUE_KEY_NAME"), environment("LOADOPS_QUEUE_KEY"));
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(secret))
                return Fail("a Service Bus queue needs LOADOPS_QUEUE_CONNECTION, or LOADOPS_QUEUE_KEY_NAME and LOADOPS_QUEUE_KEY (a Listen rule of the queue)");
            if (serviceBus!.Contains("://", StringComparison.Ordinal) && !serviceBus.StartsWith("https://", StringComparison.OrdinalIgnoreCase) &&
                !(Uri.TryCreate(serviceBus, UriKind.Absolute, out var loop) && loop.IsLoopback))
                return Fail("--servicebus must be a namespace name, a host name or an https:// URI");
            try
            {
                (ns, keyName, key) = (PoolOptions.NamespaceUri(serviceBus), name, secret);
            }
            catch (UriFormatException)
            {
                return Fail($"--servicebus '{serviceBus}' is not a namespace name, a host name or an https:// URI");
            }
        }

        // Azure.Messaging.ServiceBus over AMQP; the queue owns (and closes) its connection.
        var client = ServiceBusConnection.FromSharedAccessKey(ns, keyName, key);
        return (settings, new ServiceBusWorkQueue(client, queueName ?? PoolOptions.ServiceBusQueueOf(settings.Pool), TimeSpan.FromSeconds(20), ownsClient: true), null);
    }

    private static bool Seconds(int? given, int fallback, out TimeSpan value)
    {
        var ok = given is null or (>= 1 and <= 3600);
        value = TimeSpan.FromSeconds(ok ? given ?? fallback : fallback);
        return ok;
    }

    private static (AgentSettings?, IWorkQueue?, string?) Fail(string problem) => (null, null, problem);

    /// <summary>Why the work directory cannot hold the outbox (checked at start, not at the first finished shard), or null.</summary>
    internal static string? WorkDirectoryProblem(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(full);
            var probe = Path.Combine(full, ".write-check");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"--work-dir '{path}' cannot be written ({e.Message}); give a folder the agent's user owns (LOADOPS_WORK_DIR, or systemd's StateDirectory=)";
        }
    }
}
