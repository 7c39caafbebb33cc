using Microsoft.Extensions.Configuration;

namespace LoadOps.Cloud.Telemetry;

/// <summary>
/// The OTLP endpoint the pipeline hands to the cloud runners it starts (ACI, ECS) as <see cref="OtlpEndpoint.RunnerVariable"/>:
/// <c>LoadOps:Otlp:RunnerEndpoint</c>, else the hosts' own <c>LoadOps:Otlp:Endpoint</c>. The host's
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is not handed on: it often names a collector beside the host that a container in
/// another network cannot reach. A launcher's own <c>Environment</c> entry for the variable wins.
/// </summary>
internal static class RunnerTelemetry
{
    public const string RunnerEndpointKey = "LoadOps:Otlp:RunnerEndpoint";

    /// <summary>The variables to add to every cloud runner (none without an endpoint); a malformed setting adds a problem naming it.</summary>
    public static IReadOnlyDictionary<string, string> Environment(IConfiguration configuration, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(problems);
        var (key, value) = configuration[RunnerEndpointKey] is { Length: > 0 } runner
            ? (RunnerEndpointKey, runner)
            : (OtlpEndpoint.ConfigurationKey, configuration[OtlpEndpoint.ConfigurationKey]);
        var endpoint = OtlpEndpoint.Resolve(value, key, _ => null, out var problem);
        // A malformed LoadOps:Otlp:Endpoint is already reported by the hosts' own trace export (serve runs on without it).
        if (problem is not null && key == RunnerEndpointKey)
            problems.Add(problem + ".");
        return endpoint is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { [OtlpEndpoint.RunnerVariable] = endpoint.BaseAddress.AbsoluteUri };
    }

    /// <summary><paramref name="own"/> with the entries of <paramref name="added"/> it does not set itself.</summary>
    public static IReadOnlyDictionary<string, string> Merge(IReadOnlyDictionary<string, string> own, IReadOnlyDictionary<string, string> added)
    {
        var merged = new Dictionary<string, string>(own, StringComparer.Ordinal);
        foreach (var (name, value) in added)
            merged.TryAdd(name, value);
        return merged;
    }
}
