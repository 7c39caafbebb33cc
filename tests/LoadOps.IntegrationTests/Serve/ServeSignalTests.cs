using System.Security.Cryptography;
using System.Text;

namespace LoadOps.IntegrationTests.Serve;

/// <summary>A real <c>loadops serve</c> process with its HTTP endpoint, stopped the way service managers and terminals stop it.</summary>
public sealed class ServeSignalTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Regression_serve_with_its_endpoint_stops_on_the_first_signal_and_exits_0(string signal)
    {
        // Before: the web endpoint's console lifetime took SIGINT and SIGTERM, stopped only Kestrel, and serve ran on.
        var folder = Path.Combine(Path.GetTempPath(), "loadops-signal-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Directory.CreateDirectory(Path.Combine(folder, "repo", "loadtests"));
        var clients = await azurite.NewClientsAsync(Ct);
        var log = new StringBuilder();
        using var serve = ServeProcess.Start(
            ["--repo", Path.Combine(folder, "repo"), "--out", Path.Combine(folder, "out"), "--name-prefix", clients.Names.Prefix,
             "--listen", "http://127.0.0.1:0"],
            azurite.ConnectionString, log, "serve");

        Assert.True(await serve.WaitForAsync("listening on", TimeSpan.FromSeconds(60), Ct), "serve did not start listening:\n" + ServeProcess.Text(log));
        await serve.SignalAsync(signal, Ct);

        var exitCode = await serve.ExitCodeAsync(TimeSpan.FromSeconds(60), Ct);
        Assert.True(exitCode is not null, $"serve still ran a minute after SIG{signal}:\n" + ServeProcess.Text(log));
        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("Unhandled exception", ServeProcess.Text(log), StringComparison.Ordinal);
    }
}
