using System.Net;
using System.Net.Sockets;

namespace LoadOps.Runner.Tests.Targets;

/// <summary>
/// A loopback TCP server that reads each request and then resets the connection (linger 0, so the close is an RST):
/// the kernel's real reset, as a crashing or overloaded server gives. Runs until disposed.
/// </summary>
public sealed class ResettingTarget : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public ResettingTarget()
    {
        _listener.Start();
        BaseUrl = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = AcceptAsync(_stop.Token);
    }

    public string BaseUrl { get; }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ResetAsync(socket, cancellationToken);
        }
    }

    private static async Task ResetAsync(Socket socket, CancellationToken cancellationToken)
    {
        using (socket)
        {
            try
            {
                await socket.ReceiveAsync(new byte[4096], SocketFlags.None, cancellationToken);
                socket.LingerState = new LingerOption(true, 0);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                // The client went first; nothing to reset.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
