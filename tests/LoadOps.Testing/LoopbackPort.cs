using System.Net;
using System.Net.Sockets;

namespace LoadOps.Testing;

/// <summary>Free TCP ports on 127.0.0.1 for processes a test starts (Azurite, serve): asked of the kernel, then released.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
