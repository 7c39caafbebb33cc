using System.Net;
using System.Net.Sockets;
using System.Text;
using LoadOps.Core.Results;
using LoadOps.Runner.Execution;
using LoadOps.Runner.Http;
using LoadOps.Runner.Http.Loop;
using LoadOps.Runner.Recording;

namespace LoadOps.Runner.Tests.Http;

/// <summary>
/// The raw HTTP/1.1 client against a loopback server that answers with canned bytes, sent in small pieces; every case
/// runs on .NET's sockets and on a <see cref="SocketLoop"/> (the default on Linux).
/// </summary>
public sealed class RawConnectionTests
{
    private static readonly byte[] Request = "GET / HTTP/1.1\r\nHost: test\r\n\r\n"u8.ToArray();

    [Theory, InlineData(false), InlineData(true)]
    public async Task Reads_a_content_length_body_that_arrives_in_pieces(bool onLoop)
    {
        var (status, body, headers, reusable) = await ExchangeAsync("HTTP/1.1 200 OK\r\nContent-Length: 11\r\nX-Id: 7\r\n\r\nhello world", onLoop);

        Assert.Equal(200, status);
        Assert.Equal("hello world", body);
        Assert.Contains("X-Id: 7", headers, StringComparison.Ordinal);
        Assert.True(reusable);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Reads_a_chunked_body_with_extensions_and_trailers(bool onLoop)
    {
        var (status, body, _, reusable) = await ExchangeAsync(
            "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n5;note=x\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: 1\r\n\r\n", onLoop);

        Assert.Equal(201, status);
        Assert.Equal("hello 0123456789", body);
        Assert.True(reusable);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_body_without_length_runs_to_the_close_and_the_connection_is_not_reused(bool onLoop)
    {
        var (status, body, _, reusable) = await ExchangeAsync("HTTP/1.1 500 Oops\r\nConnection: close\r\n\r\nbroken", onLoop, close: true);

        Assert.Equal(500, status);
        Assert.Equal("broken", body);
        Assert.False(reusable);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_body_larger_than_the_buffer_grows_it(bool onLoop)
    {
        var large = new string('x', 100_000);

        var (_, body, _, _) = await ExchangeAsync($"HTTP/1.1 200 OK\r\nContent-Length: {large.Length}\r\n\r\n{large}", onLoop);

        Assert.Equal(large, body);
    }

    [Theory]
    [InlineData("garbage\r\n\r\n", false)]
    [InlineData("garbage\r\n\r\n", true)]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: nope\r\n\r\n", false)]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: nope\r\n\r\n", true)]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", false)]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", true)]
    public async Task Malformed_responses_are_protocol_errors(string response, bool onLoop) =>
        await Assert.ThrowsAsync<MalformedResponseException>(() => ExchangeAsync(response, onLoop, close: true));

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_closed_port_is_a_connection_error_named_refused(bool onLoop)
    {
        using var loop = onLoop ? new SocketLoop(0) : null;
        var error = await Assert.ThrowsAsync<HttpRequestException>(async () =>
            await RawConnection.OpenAsync(new IPEndPoint(IPAddress.Loopback, SampleTargetHost.ClosedPort()), null, loop, long.MaxValue, TestContext.Current.CancellationToken));

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.Equal((Outcome.Connect, ErrorKinds.Refused), FailureClassifier.Classify(error));
    }

    private static async Task<(int Status, string Body, string Headers, bool Reusable)> ExchangeAsync(string response, bool onLoop, bool close = false)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = ServeAsync(listener, Encoding.ASCII.GetBytes(response), close);
        using var user = new VirtualUser(1, 0, TestContext.Current.CancellationToken);
        using var loop = onLoop ? new SocketLoop(0) : null;
        using var connection = await RawConnection.OpenAsync(listener.LocalEndpoint, null, loop, long.MaxValue, TestContext.Current.CancellationToken);

        var (status, length, headers) = await connection.ExchangeAsync(Request, false, user, keepBody: true, keepHeaders: true, TestContext.Current.CancellationToken);

        await server;
        return (status, Encoding.ASCII.GetString(user.Buffer, 0, length), headers!, connection.Reusable);
    }

    private static async Task ServeAsync(TcpListener listener, byte[] response, bool close)
    {
        using var client = await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        var request = new byte[4096];
        var read = 0;
        while (!Encoding.ASCII.GetString(request, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal))
            read += await stream.ReadAsync(request.AsMemory(read), TestContext.Current.CancellationToken);
        for (var i = 0; i < response.Length; i += 7)
        {
            await stream.WriteAsync(response.AsMemory(i, Math.Min(7, response.Length - i)), TestContext.Current.CancellationToken);
            await stream.FlushAsync(TestContext.Current.CancellationToken);
        }
        if (close)
            client.Client.Shutdown(SocketShutdown.Send);
        else
            await Task.Delay(50, TestContext.Current.CancellationToken);
    }
}
