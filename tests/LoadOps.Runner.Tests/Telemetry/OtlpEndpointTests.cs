using LoadOps.Cloud.Telemetry;

namespace LoadOps.Runner.Tests.Telemetry;

/// <summary>Which setting names the OTLP endpoint, and what a bad one is told.</summary>
public sealed class OtlpEndpointTests
{
    [Fact]
    public void The_LoadOps_setting_wins_over_the_standard_variable()
    {
        var endpoint = OtlpEndpoint.Resolve("http://127.0.0.1:4318", "X", _ => "http://elsewhere:4318", out var problem);

        Assert.Null(problem);
        Assert.Equal("http://127.0.0.1:4318/v1/metrics", endpoint?.For("metrics").AbsoluteUri);
    }

    [Fact]
    public void The_standard_variable_serves_when_the_LoadOps_setting_is_empty_and_a_base_path_is_kept()
    {
        var endpoint = OtlpEndpoint.Resolve(" ", "X", name => name == OtlpEndpoint.StandardVariable ? "https://otel.example/ingest/" : null, out _);

        Assert.Equal("https://otel.example/ingest/v1/traces", endpoint?.For("traces").AbsoluteUri);
    }

    [Theory]
    [InlineData("collector:4318")]
    [InlineData("ftp://collector:4318")]
    [InlineData("http://user:hunter2@collector:4318")]
    [InlineData("http://collector:4318/?key=hunter2")]
    public void An_unusable_endpoint_is_refused_naming_the_setting_without_echoing_the_value(string value)
    {
        var endpoint = OtlpEndpoint.Resolve(value, OtlpEndpoint.RunnerVariable, _ => null, out var problem);

        Assert.Null(endpoint);
        Assert.StartsWith(OtlpEndpoint.RunnerVariable + " must be", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", problem, StringComparison.Ordinal);
    }
}
