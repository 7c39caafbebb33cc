using System.Net;
using System.Net.Sockets;
using LoadOps.Cli.Serve;
using LoadOps.Cloud.Api;
using LoadOps.Cloud.Storage;

namespace LoadOps.Cli.Tests.Serve;

/// <summary>serve's HTTP endpoint without storage traffic: where it listens, what it refuses before touching storage.</summary>
public sealed class ServeListenTests
{
    private static readonly StorageClients Clients = StorageClients.FromConnectionString("UseDevelopmentStorage=true");

    private static ServeOptions Options(string? listen, ServeSecurity? security = null) =>
        new("UseDevelopmentStorage=true", Path.GetTempPath(), Path.GetTempPath()) { Listen = listen, Security = security ?? new(null, new ApiOptions()) };

    [Theory]
    [InlineData("https://127.0.0.1:7071")]
    [InlineData("http://127.0.0.1")]
    [InlineData("http://127.0.0.1:7071/api")]
    [InlineData("127.0.0.1:7071")]
    public void A_listen_address_that_is_not_http_host_port_is_refused(string listen) =>
        Assert.Contains("--listen must be http://HOST:PORT", ServeListen.Problem(Options(listen)), StringComparison.Ordinal);

    [Fact]
    public void No_endpoint_and_a_plain_http_address_are_fine() =>
        Assert.Equal([null, null], new[] { ServeListen.Problem(Options(null)), ServeListen.Problem(Options("http://127.0.0.1:0")) });

    [Fact]
    public async Task It_prints_where_it_listens_and_what_is_missing_and_refuses_api_calls_without_tokens()
    {
        var output = new StringWriter();
        await using var endpoint = await ServeListen.StartAsync(Options("http://127.0.0.1:0"), Clients, output, output, TestContext.Current.CancellationToken);

        Assert.NotNull(endpoint);
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
            var error = new StringWriter();
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;

            var endpoint = await ServeListen.StartAsync(Options($"http://127.0.0.1:{port}"), Clients, new StringWriter(), error, TestContext.Current.CancellationToken);

            Assert.Null(endpoint);
            Assert.StartsWith($"error: cannot listen on http://127.0.0.1:{port}", error.ToString(), StringComparison.Ordinal);
            Assert.Contains("--listen none", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            taken.Stop();
        }
    }
}
