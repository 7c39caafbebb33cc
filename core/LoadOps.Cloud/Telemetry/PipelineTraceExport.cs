using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LoadOps.Cloud.Telemetry;

/// <summary>
/// Exports the <see cref="PipelineTracing"/> activities over OTLP/HTTP (protobuf) when an endpoint is configured;
/// registers or starts nothing otherwise.
/// </summary>
public static class PipelineTraceExport
{
    /// <summary>For a DI host (the Functions app): the SDK starts and stops with the host.</summary>
    public static IServiceCollection AddLoadOpsTracing(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoint = OtlpEndpoint.Resolve(configuration[OtlpEndpoint.ConfigurationKey], OtlpEndpoint.ConfigurationKey, Environment.GetEnvironmentVariable, out var problem);
        if (problem is not null)
            throw new InvalidOperationException(problem);
        if (endpoint is null)
            return services;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => Configure(tracing, endpoint));
        return services;
    }

    /// <summary>
    /// For a host without DI (<c>loadops serve</c>): the provider to dispose at exit, or null when no endpoint is set
    /// or the one set is unusable (said through <paramref name="log"/>: the host goes on, without traces).
    /// </summary>
    public static TracerProvider? Start(Func<string, string?> environment, string serviceName, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(log);
        const string variable = "LoadOps__Otlp__Endpoint";
        var endpoint = OtlpEndpoint.Resolve(environment(variable), variable, environment, out var problem);
        if (problem is not null)
            log("warning: traces are not exported: " + problem);
        if (endpoint is null)
            return null;
        log($"traces of each stage go to {endpoint.For("traces").GetLeftPart(UriPartial.Path)}");
        var builder = Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(resource => resource.AddService(serviceName));
        return Configure(builder, endpoint).Build();
    }

    private static TracerProviderBuilder Configure(TracerProviderBuilder tracing, OtlpEndpoint endpoint) => tracing
        .AddSource(PipelineTracing.SourceName)
        .AddOtlpExporter(exporter =>
        {
            exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            exporter.Endpoint = endpoint.For("traces");
        });
}
