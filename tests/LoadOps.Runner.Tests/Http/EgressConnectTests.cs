using System.Net;
using LoadOps.Runner.Http;

namespace LoadOps.Runner.Tests.Http;

/// <summary>The egress guard where the runner connects: both clients refuse before any packet leaves for a refused address.</summary>
public sealed class EgressConnectTests
{
    [Theory]
    [InlineData("169.254.169.254", 80)]
    [InlineData("10.0.0.1", 8080)]
    public async Task Both_connectors_refuse_a_link_local_or_private_target_at_connect_time(string address, int port)
    {
        var token = TestContext.Current.CancellationToken;
        using var client = TargetClientFactory.Create(1, TimeSpan.FromSeconds(2));

        var viaClient = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://{address}:{port}/", token));
        var viaRaw = await Assert.ThrowsAsync<HttpRequestException>(async () => await RawConnection.OpenAsync(new IPEndPoint(IPAddress.Parse(address), port), null, token));

        Assert.Contains("egress refused", viaClient.InnerException?.Message ?? viaClient.Message, StringComparison.Ordinal);
        Assert.Contains("egress refused", viaRaw.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Localhost_with_a_trailing_dot_connects_to_loopback()
    {
        var token = TestContext.Current.CancellationToken;
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var accept = listener.AcceptTcpClientAsync(token);
        using var connection = await RawConnection.OpenAsync(new DnsEndPoint("localhost.", port), null, token);
        using var accepted = await accept;

        Assert.Equal(IPAddress.Loopback, ((IPEndPoint)accepted.Client.RemoteEndPoint!).Address.MapToIPv4());
    }
}
