using System.Net.WebSockets;

namespace LoadOps.SampleTarget;

/// <summary>
/// A WebSocket echo at <c>/ws/echo</c>: every text message comes back unchanged, so definitions can check and extract
/// from the reply. <c>GET /admin/sockets</c> counts the connections accepted.
/// </summary>
public static class EchoSocket
{
    private const int MaxMessageBytes = 64 * 1024;

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var accepted = 0L;
        app.UseWebSockets();
        app.Map("/ws/echo", async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            Interlocked.Increment(ref accepted);
            await EchoAsync(socket, context.RequestAborted);
        });
        app.MapGet("/admin/sockets", () => Results.Ok(new { accepted = Interlocked.Read(ref accepted) }));
    }

    private static async Task EchoAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxMessageBytes];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var length = 0;
                ValueWebSocketReceiveResult received;
                do
                {
                    if (length == buffer.Length)
                    {
                        await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "message too big", cancellationToken);
                        return;
                    }
                    received = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                    length += received.Count;
                } while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                    return;
                }
                await socket.SendAsync(buffer.AsMemory(0, length), received.MessageType, endOfMessage: true, cancellationToken);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client went away mid-message or the shop is stopping; nothing to answer.
        }
    }
}
