using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LoadOps.Core.Results;
using LoadOps.Runner.Execution;
using LoadOps.Runner.Http.Loop;
using LoadOps.Runner.Recording;

namespace LoadOps.Runner.Tests.Http.Loop;

/// <summary>
/// The socket loop's stream against real loopback sockets: waits that end by deadline or abort, a write that has to
/// wait for room, and a reset, each failing the way the step executor classifies.
/// </summary>
public sealed class LoopStreamTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly SocketLoop _loop = new(0);

    public LoopStreamTests() => _listener.Start();

    private IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_read_the_server_never_answers_fails_as_a_timeout_once_its_deadline_passed()
    {
        await using var stream = await LoopStream.ConnectAsync(EndPoint, _loop, long.MaxValue, Ct);
        using var server = await _listener.AcceptSocketAsync(Ct);
        stream.Deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 10);

        var read = stream.ReadAsync(new byte[16], Ct).AsTask();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(TimeSpan.FromSeconds(10), Ct));

        Assert.False(error.CancellationToken.IsCancellationRequested, "a timeout, not an abort");
        Assert.True(Stopwatch.GetTimestamp() >= stream.Deadline);
    }

    [Fact]
    public async Task An_abort_ends_a_wait_that_has_no_deadline()
    {
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await using var stream = await LoopStream.ConnectAsync(EndPoint, _loop, long.MaxValue, Ct);
        using var server = await _listener.AcceptSocketAsync(Ct);

        var read = stream.ReadAsync(new byte[16], abort.Token).AsTask();
        await abort.CancelAsync();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(TimeSpan.FromSeconds(10), Ct));

        Assert.Equal(abort.Token, error.CancellationToken);
    }

    [Fact]
    public async Task A_write_larger_than_the_socket_buffers_waits_for_room_and_arrives_whole()
    {
        var payload = new byte[32 * 1024 * 1024];
        new Random(7).NextBytes(payload);
        await using var stream = await LoopStream.ConnectAsync(EndPoint, _loop, long.MaxValue, Ct);
        using var server = await _listener.AcceptSocketAsync(Ct);
        var received = new MemoryStream();
        var reading = Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            // Slow at first, so the sender's buffer fills and it has to wait on the loop.
            await Task.Delay(200, Ct);
            while (received.Length < payload.Length)
            {
                var read = await server.ReceiveAsync(buffer, Ct);
                Assert.NotEqual(0, read);
                received.Write(buffer, 0, read);
            }
        }, Ct);

        await stream.WriteAsync(payload, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await reading.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(payload, received.ToArray());
    }

    [Fact]
    public async Task A_reset_by_the_server_is_a_reset()
    {
        await using var stream = await LoopStream.ConnectAsync(EndPoint, _loop, long.MaxValue, Ct);
        using (var server = await _listener.AcceptSocketAsync(Ct))
        {
            // Linger 0: closing sends RST, not FIN.
            server.LingerState = new LingerOption(true, 0);
        }

        var error = await Assert.ThrowsAsync<IOException>(async () => await stream.ReadAsync(new byte[16], Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct));

        Assert.Equal(SocketError.ConnectionReset, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
        Assert.Equal((Outcome.Other, ErrorKinds.Reset), FailureClassifier.Classify(error));
    }

    [Fact]
    public async Task The_end_of_the_stream_reads_as_zero_bytes()
    {
        await using var stream = await LoopStream.ConnectAsync(EndPoint, _loop, long.MaxValue, Ct);
        using (var server = await _listener.AcceptSocketAsync(Ct))
        {
            await server.SendAsync("hi"u8.ToArray(), Ct);
            server.Shutdown(SocketShutdown.Send);
        }
        var buffer = new byte[16];

        var first = await stream.ReadAsync(buffer, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var second = await stream.ReadAsync(buffer.AsMemory(first), Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var third = first + second < 2 ? await stream.ReadAsync(buffer.AsMemory(first + second), Ct) : 0;

        Assert.Equal("hi", System.Text.Encoding.ASCII.GetString(buffer, 0, first + second + third));
        Assert.Equal(0, await stream.ReadAsync(buffer, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct));
    }

    public void Dispose()
    {
        _loop.Dispose();
        _listener.Dispose();
    }
}
