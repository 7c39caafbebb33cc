namespace LoadOps.Cloud.Pools;

/// <summary>
/// Reads pool options from flat settings such as environment variables (<c>LoadOps__Pools__lab__Transport=ServiceBus</c>)
/// or configuration keys (<c>LoadOps:Pools:lab:Transport</c>), for hosts without a configuration binder
/// (<c>loadops serve</c>). Returns every problem (unknown property, bad transport) instead of throwing; values are not echoed.
/// </summary>
public static class PoolOptionsReader
{
    private static readonly string Prefix = PoolOptions.SectionName + ":";

    /// <summary>The namespace bicep deploys (<c>LoadOps__ServiceBus__Namespace</c>): the default of Service Bus pools that name none.</summary>
    public const string DefaultNamespaceKey = "LoadOps:ServiceBus:Namespace";

    public static (IReadOnlyDictionary<string, PoolOptions> Pools, IReadOnlyList<string> Problems) Read(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var values = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        string? defaultNamespace = null;
        foreach (var (rawKey, value) in settings)
        {
            var key = rawKey.Replace("__", ":", StringComparison.Ordinal);
            if (string.Equals(key, DefaultNamespaceKey, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(value))
                defaultNamespace = value;
            if (!key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || value is null)
                continue;
            var parts = key[Prefix.Length..].Split(':');
            if (parts.Length != 2 || parts[0].Length == 0)
            {
                problems.Add($"{rawKey}: expected {PoolOptions.SectionName}:NAME:PROPERTY.");
                continue;
            }
            if (!values.TryGetValue(parts[0], out var pool))
                values[parts[0]] = pool = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            pool[parts[1]] = value;
        }

        var pools = new Dictionary<string, PoolOptions>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, properties) in values)
        {
            var transport = PoolTransport.StorageQueue;
            if (properties.TryGetValue(nameof(PoolOptions.Transport), out var text) && !Enum.TryParse(text, ignoreCase: true, out transport))
                problems.Add($"{PoolOptions.SectionName}:{name}:Transport must be StorageQueue or ServiceBus.");
            var known = new[] { nameof(PoolOptions.Transport), nameof(PoolOptions.QueueName), nameof(PoolOptions.ServiceBusNamespace), nameof(PoolOptions.SasKeyName), nameof(PoolOptions.SasKey) };
            problems.AddRange(properties.Keys.Where(k => !known.Contains(k, StringComparer.OrdinalIgnoreCase))
                .Select(k => $"{PoolOptions.SectionName}:{name}:{k} is not a pool setting; use one of {string.Join(", ", known)}."));
            var options = new PoolOptions
            {
                Transport = transport,
                QueueName = properties.GetValueOrDefault(nameof(PoolOptions.QueueName)),
                ServiceBusNamespace = properties.GetValueOrDefault(nameof(PoolOptions.ServiceBusNamespace)) ?? defaultNamespace,
                SasKeyName = properties.GetValueOrDefault(nameof(PoolOptions.SasKeyName)),
                SasKey = properties.GetValueOrDefault(nameof(PoolOptions.SasKey)),
            };
            problems.AddRange(options.Problems(name));
            pools[name] = options;
        }
        return (pools, problems);
    }
}
