namespace LoadOps.Cloud.Pools;

/// <summary>
/// How dispatch reaches one BYO runner pool, bound from <c>LoadOps:Pools:NAME</c> (e.g. <c>LoadOps__Pools__lab__Transport</c>).
/// A pool with no section uses a Storage queue in the LoadOps account. <see cref="SasKey"/> is a secret: never logged.
/// </summary>
public sealed class PoolOptions
{
    public const string SectionName = "LoadOps:Pools";

    public PoolTransport Transport { get; init; } = PoolTransport.StorageQueue;

    /// <summary>The queue; default <c>loadops-shards-pool-NAME</c> (Storage, with the name prefix) or <c>loadops-pool-NAME</c> (Service Bus).</summary>
    public string? QueueName { get; init; }

    /// <summary>Service Bus only: the namespace as a name (<c>myns</c>), a host name or an https URI.</summary>
    public string? ServiceBusNamespace { get; init; }

    /// <summary>Service Bus only: a rule with Send on the queue. Without it the host's Entra identity is used (Data Sender role).</summary>
    public string? SasKeyName { get; init; }

    public string? SasKey { get; init; }

    /// <summary>Every problem of this pool's options; empty when usable.</summary>
    public IReadOnlyList<string> Problems(string pool)
    {
        var problems = new List<string>();
        if (Transport == PoolTransport.ServiceBus && string.IsNullOrWhiteSpace(ServiceBusNamespace))
            problems.Add($"{SectionName}:{pool}:ServiceBusNamespace is required when Transport is ServiceBus (e.g. \"myloadops-sb\").");
        if (string.IsNullOrWhiteSpace(SasKeyName) != string.IsNullOrWhiteSpace(SasKey))
            problems.Add($"{SectionName}:{pool}: set both SasKeyName and SasKey, or neither (to use the Entra identity).");
        if (ServiceBusNamespace is { Length: > 0 } ns && ns.Contains("://", StringComparison.Ordinal) &&
            (!Uri.TryCreate(ns, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)))
            problems.Add($"{SectionName}:{pool}:ServiceBusNamespace must be a name, a host name or an https:// URI (http only for 127.0.0.1).");
        return problems;
    }

    /// <summary>The namespace's REST endpoint: <c>myns</c> → <c>https://myns.servicebus.windows.net/</c>.</summary>
    public static Uri NamespaceUri(string serviceBusNamespace)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceBusNamespace);
        var ns = serviceBusNamespace.Trim();
        if (ns.StartsWith("sb://", StringComparison.OrdinalIgnoreCase))
            ns = "https://" + ns[5..];
        if (ns.Contains("://", StringComparison.Ordinal))
            return new Uri(new Uri(ns).GetLeftPart(UriPartial.Authority) + "/");
        return new Uri(ns.Contains('.', StringComparison.Ordinal) ? $"https://{ns.TrimEnd('/')}/" : $"https://{ns}.servicebus.windows.net/");
    }

    /// <summary>The default Service Bus queue of a pool, as bicep creates it.</summary>
    public static string ServiceBusQueueOf(string pool) => "loadops-pool-" + pool;
}
