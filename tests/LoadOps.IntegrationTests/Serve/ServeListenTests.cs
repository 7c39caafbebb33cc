using System.Net.Sockets;
using System.Net;
using LoadOps.Cli.Serve;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Serve;

/// <summary>serve's app listening with no settings at all (on fresh Azurite names): where it listens, what it refuses, a port in use.</summary>
public sealed class ServeListenTests(AzuriteFixture azurite)
{
    private async Task<ServeApp> AppAsync(string listen)
    {
        var clients = await azurite.NewClientsAsync(TestContext.Current.CancellationToken);
        var options = new ServeOptions(azurite.ConnectionString, Path.GetTempPath(), Path.GetTempPath()) { Listen = listen, NamePrefix = clients.Names.Prefix };
        return ServeApp.Create(options, new LocalDefinitionSource(Path.GetTempPath()), TimeProvider.System, _ => { });
    }

    [Fact]
    public async Task It_prints_where_it_listens_and_what_is_missing_and_refuses_api_calls_without_tokens()
    {
        var output = new StringWriter();
        await using var endpoint = await AppAsync("http://127.0.0.1:0");
        await endpoint.StartAsync(TestContext.Current.CancellationToken);
        await ServeListen.DescribeAsync(endpoint, output);

        Assert.NotNull(endpoint.Url);
        Assert.Contains($"listening on {endpoint.Url} (GitHub webhook: POST {endpoint.Url}/api/github/webhook", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("LOADOPS_WEBHOOK_SECRET", output.ToString(), StringComparison.Ordinal);
        using var http = new HttpClient();
        var api = await http.GetAsync($"{endpoint.Url}/api/runs/x", TestContext.Current.CancellationToken);
        var webhook = await http.PostAsync($"{endpoint.Url}/api/github/webhook", new StringContent("{}"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Contains("LoadOps:Api:Tokens", await api.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, webhook.StatusCode);
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_saying_what_to_do()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;
            await using var endpoint = await AppAsync($"http://127.0.0.1:{port}");

            var failure = await Record.ExceptionAsync(() => endpoint.StartAsync(TestContext.Current.CancellationToken));

            var line = ServeListen.CannotListen(new ServeOptions("", "", "") { Listen = $"http://127.0.0.1:{port}" }, failure!);
            Assert.StartsWith($"error: cannot listen on http://127.0.0.1:{port}", line, StringComparison.Ordinal);
            Assert.Contains("--listen none", line, StringComparison.Ordinal);
        }
        finally
        {
            taken.Stop();
        }
    }
}
