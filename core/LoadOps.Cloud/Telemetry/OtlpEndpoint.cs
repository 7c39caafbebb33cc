namespace LoadOps.Cloud.Telemetry;

/// <summary>
/// Where OTLP data goes: the base address of an OTLP/HTTP receiver (a collector's port 4318), from LoadOps' own setting
/// or, failing that, the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>. None set means nothing is exported and no
/// OpenTelemetry SDK is started.
/// </summary>
public sealed record OtlpEndpoint(Uri BaseAddress)
{
    /// <summary>The configuration key of the hosts (<c>LoadOps__Otlp__Endpoint</c> as an environment variable).</summary>
    public const string ConfigurationKey = "LoadOps:Otlp:Endpoint";

    /// <summary>The runner's environment variable.</summary>
    public const string RunnerVariable = "LOADOPS_OTLP_ENDPOINT";

    /// <summary>The OpenTelemetry specification's variable, honoured when LoadOps' own setting is absent.</summary>
    public const string StandardVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The address of one signal (<c>metrics</c>, <c>traces</c>): the base address plus <c>/v1/{signal}</c>, as the specification says.</summary>
    public Uri For(string signal) => new(BaseAddress.AbsoluteUri.TrimEnd('/') + "/v1/" + signal);

    /// <summary>
    /// The endpoint from <paramref name="configured"/> (LoadOps' setting) or the standard variable; null when neither is
    /// set. <paramref name="problem"/> names the setting and the fix when the value set is not an http(s) address.
    /// </summary>
    public static OtlpEndpoint? Resolve(string? configured, string configuredName, Func<string, string?> environment, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(environment);
        problem = null;
        var (name, value) = !string.IsNullOrWhiteSpace(configured)
            ? (configuredName, configured)
            : (StandardVariable, environment(StandardVariable));
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var address) && address.Scheme is "http" or "https"
            && string.IsNullOrEmpty(address.UserInfo) && string.IsNullOrEmpty(address.Query))
            return new OtlpEndpoint(address);
        // The value is not echoed: an address can carry credentials.
        problem = $"{name} must be the http(s) base address of an OTLP/HTTP receiver, e.g. http://127.0.0.1:4318, " +
            "without credentials or a query (put an API key in OTEL_EXPORTER_OTLP_HEADERS)";
        return null;
    }
}
