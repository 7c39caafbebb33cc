using System.Security.Cryptography;
using System.Text;

namespace LoadOps.IntegrationTests.Serve;

/// <summary>A real <c>loadops serve</c> process stopped the way service managers and terminals stop it, and losing its storage.</summary>
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

    [Fact]
    public async Task Regression_serve_whose_storage_goes_away_says_so_and_keeps_running()
    {
        // Before: once the storage SDK's retries gave up it threw an AggregateException that ended serve with a stack trace.
        var own = new AzuriteFixture();
        await own.InitializeAsync();
        var folder = Path.Combine(Path.GetTempPath(), "loadops-storage-gone-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Directory.CreateDirectory(Path.Combine(folder, "repo", "loadtests"));
        var log = new StringBuilder();
        using var serve = ServeProcess.Start(
            ["--repo", Path.Combine(folder, "repo"), "--out", Path.Combine(folder, "out"), "--listen", "none"],
            own.ConnectionString, log, "serve");
        Assert.True(await serve.WaitForAsync("Ctrl-C stops", TimeSpan.FromSeconds(60), Ct), "serve did not start:\n" + ServeProcess.Text(log));

        await own.DisposeAsync();

        Assert.True(await serve.WaitForAsync("storage unreachable", TimeSpan.FromSeconds(120), Ct), "serve did not report its storage gone:\n" + ServeProcess.Text(log));
        Assert.False(serve.HasExited, "serve ended when its storage went away:\n" + ServeProcess.Text(log));
        Assert.DoesNotContain("Unhandled exception", ServeProcess.Text(log), StringComparison.Ordinal);
        await serve.SignalAsync("TERM", Ct);
        Assert.Equal(0, await serve.ExitCodeAsync(TimeSpan.FromSeconds(60), Ct));
    }
}
