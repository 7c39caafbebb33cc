using LoadOps.Core.Definitions;
using LoadOps.Core.Results;
using LoadOps.Runner.Http;
using LoadOps.Runner.Tests.Targets;

namespace LoadOps.Runner.Tests.Http;

/// <summary>target.tls against a real Kestrel serving a fresh self-signed certificate, on both clients.</summary>
public sealed class TlsTrustTests
{
    private static async Task<(ResultFile Result, string Output)> RunAsync(EchoTarget target, TlsSpec? tls, HttpTransportKind? transport, int http = 1, string path = "/status/200", ExpectSpec? expect = null)
    {
        var definition = TestShards.Definition(target.BaseUrl, TestShards.Steady(1, 10), new ScenarioSpec("browse", 1, [TestShards.Get("get", path, expect)]));
        definition = definition with { Target = definition.Target with { Tls = tls, Http = http } };
        return await TestShards.RunAsync(TestShards.Spec(definition), cancellationToken: TestContext.Current.CancellationToken, transport: transport);
    }

    [Theory]
    [InlineData(HttpTransportKind.HttpClient)]
    [InlineData(HttpTransportKind.Raw)]
    public async Task A_self_signed_certificate_named_in_ca_file_is_trusted(HttpTransportKind transport)
    {
        await using var target = await EchoTarget.StartAsync(https: true);
        var caFile = target.WriteCertificate(Directory.CreateTempSubdirectory("loadops-tls-").FullName);

        var (result, _) = await RunAsync(target, new TlsSpec { CaFile = caFile }, transport);

        Assert.Empty(result.Errors());
        Assert.InRange(result.Ok(), 9, 11);
        Assert.Null(result.Settings);
    }

    [Theory]
    [InlineData(HttpTransportKind.HttpClient)]
    [InlineData(HttpTransportKind.Raw)]
    public async Task Insecure_skip_verify_accepts_the_certificate_and_the_result_says_so(HttpTransportKind transport)
    {
        await using var target = await EchoTarget.StartAsync(https: true);

        var (result, output) = await RunAsync(target, new TlsSpec { InsecureSkipVerify = true }, transport);

        Assert.InRange(result.Ok(), 9, 11);
        Assert.True(result.Settings?.InsecureTls);
        Assert.Contains("insecureSkipVerify", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ca_file_that_does_not_exist_stops_the_shard_before_the_start()
    {
        await using var target = await EchoTarget.StartAsync(https: true);
        var definition = TestShards.Definition(target.BaseUrl, TestShards.Steady(1, 1), new ScenarioSpec("browse", 1, [TestShards.Get("get", "/status/200")]));
        definition = definition with { Target = definition.Target with { Tls = new TlsSpec { CaFile = "/nowhere/ca.pem" } } };

        var run = await Runner.Execution.ShardRunner.RunAsync(TestShards.Spec(definition), Directory.CreateTempSubdirectory("loadops-tls-").FullName,
            TestContext.Current.CancellationToken, new Runner.Execution.ShardRunnerOptions { Output = TextWriter.Null });

        Assert.False(run.Started);
        Assert.Contains(run.Errors, e => e.Contains("target.tls.caFile '/nowhere/ca.pem'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_definition_chooses_the_client_raw_by_default_and_http2_on_httpclient()
    {
        await using var target = await EchoTarget.StartAsync(https: true);
        var tls = new TlsSpec { CaFile = target.WriteCertificate(Directory.CreateTempSubdirectory("loadops-tls-").FullName) };

        var (plain, plainOutput) = await RunAsync(target, tls, transport: null, expect: new ExpectSpec { BodyContains = "HTTP/1.1" }, path: "/protocol");
        var (two, twoOutput) = await RunAsync(target, tls, transport: null, http: 2, expect: new ExpectSpec { BodyContains = "HTTP/2" }, path: "/protocol");

        Assert.Contains("http client: raw HTTP/1.1", plainOutput, StringComparison.Ordinal);
        Assert.InRange(plain.Ok(), 9, 11);
        Assert.Contains("http client: HttpClient, HTTP/2", twoOutput, StringComparison.Ordinal);
        Assert.InRange(two.Ok(), 9, 11);
        Assert.Equal(2, two.Settings?.Http);
    }
}
