using System.Net;
using System.Net.Sockets;
using System.Text;
using LoadOps.Core.Definitions;
using LoadOps.Runner.Execution;
using LoadOps.Runner.Http;

namespace LoadOps.Runner.Tests.Http;

public sealed class RawHttpTransportTests
{
    [Theory, InlineData(false), InlineData(true)]
    public async Task A_keep_alive_connection_the_server_closed_is_retried_once_on_a_new_one(bool onSocketLoop)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = 0;
        // Answers one request per connection, then closes it without saying so: the next use of it finds it dead.
        var server = Task.Run(async () =>
        {
            while (accepted < 2)
            {
                using var client = await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
                accepted++;
                var stream = client.GetStream();
                var buffer = new byte[4096];
                var read = 0;
                while (!Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal))
                    read += await stream.ReadAsync(buffer.AsMemory(read), TestContext.Current.CancellationToken);
                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"u8.ToArray(), TestContext.Current.CancellationToken);
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }, TestContext.Current.CancellationToken);
        var definition = TestShards.Definition($"http://127.0.0.1:{port}", TestShards.Steady(1, 1),
            new ScenarioSpec("one", 1, [TestShards.Get("ping", "/ping", new ExpectSpec { BodyContains = "ok" })]));
        var shard = ShardCompiler.Compile(TestShards.Spec(definition), _ => null, out var errors)!;
        Assert.Empty(errors);
        var step = shard.Steps[0];
        using var transport = new RawHttpTransport(shard.Target.BaseUri, shard.Steps.Count, onSocketLoop: onSocketLoop);
        using var user = new VirtualUser(0, 0, TestContext.Current.CancellationToken);

        var first = await transport.SendAsync(step, step.FixedUri!, null, user, TestContext.Current.CancellationToken);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var second = await transport.SendAsync(step, step.FixedUri!, null, user, TestContext.Current.CancellationToken);

        await server;
        Assert.Equal(200, first.Status);
        Assert.Equal(200, second.Status);
        Assert.Equal("ok", Encoding.ASCII.GetString(user.Buffer, 0, second.BodyLength));
        Assert.Equal(2, accepted);
        Assert.Equal(first.BytesSent, second.BytesSent);
    }
}
