namespace LoadOps.Cloud.ServiceBus;

/// <summary>
/// The parts of a Service Bus connection string (<c>Endpoint=sb://NS.servicebus.windows.net/;SharedAccessKeyName=…;
/// SharedAccessKey=…[;EntityPath=QUEUE]</c>), as the portal and <c>az … keys list</c> print it. Parsing never echoes
/// the string: it holds a key.
/// </summary>
public sealed record ServiceBusConnectionString(Uri Namespace, string KeyName, string Key, string? EntityPath)
{
    public static bool TryParse(string? text, out ServiceBusConnectionString? parsed, out string? problem)
    {
        parsed = null;
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
                parts[part[..equals]] = part[(equals + 1)..];
        }

        var missing = new[] { "Endpoint", "SharedAccessKeyName", "SharedAccessKey" }.Where(k => !parts.ContainsKey(k) || parts[k].Length == 0).ToList();
        if (missing.Count > 0)
        {
            problem = $"the Service Bus connection string lacks {string.Join(", ", missing)} (value not shown); expected Endpoint=sb://NAMESPACE.servicebus.windows.net/;SharedAccessKeyName=NAME;SharedAccessKey=KEY";
            return false;
        }
        if (!Uri.TryCreate(parts["Endpoint"], UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("sb" or "https" or "http"))
        {
            problem = "the Endpoint of the Service Bus connection string is not an sb:// or https:// URI (value not shown)";
            return false;
        }

        // sb:// is the AMQP form of the address; the REST API is the same host over HTTPS (http only for a loopback stub).
        var scheme = endpoint.Scheme == "http" && endpoint.IsLoopback ? "http" : "https";
        var port = endpoint.Scheme == "sb" || endpoint.IsDefaultPort ? "" : ":" + endpoint.Port;
        parsed = new ServiceBusConnectionString(
            new Uri($"{scheme}://{endpoint.Host}{port}/"), parts["SharedAccessKeyName"], parts["SharedAccessKey"],
            parts.TryGetValue("EntityPath", out var entity) && entity.Length > 0 ? entity : null);
        problem = null;
        return true;
    }

    public override string ToString() => $"Endpoint={Namespace};SharedAccessKeyName={KeyName};SharedAccessKey=***";
}
