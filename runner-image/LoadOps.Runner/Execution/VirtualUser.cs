using System.Buffers;
using System.Text;

namespace LoadOps.Runner.Execution;

/// <summary>
/// One virtual user: its number, iteration count and extracted variables, plus reusable scratch space
/// (text builder, response buffer, timeout source) so a request allocates little.
/// </summary>
internal sealed class VirtualUser : IDisposable
{
    private const int InitialBuffer = 16 * 1024;

    private CancellationTokenSource? _timeout;
    private readonly CancellationToken _abort;

    public VirtualUser(long id, int shard, CancellationToken abort)
    {
        Id = id;
        Shard = shard;
        _abort = abort;
    }

    public long Id { get; }
    public int Shard { get; }
    public long Iteration { get; set; }
    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    /// <summary>This iteration's row of each data set (<see cref="DataRows.Bind"/>); null until the first is bound.</summary>
    public IReadOnlyList<string>?[]? Rows { get; set; }
    public StringBuilder Text { get; } = new(256);

    /// <summary>Scratch space for the raw transport's request bytes.</summary>
    public ArrayBufferWriter<byte> RequestBytes => _requestBytes ??= new ArrayBufferWriter<byte>(512);

    private ArrayBufferWriter<byte>? _requestBytes;

    /// <summary>The current request's rendered headers.</summary>
    public List<(string Name, string Value)> Headers { get; } = [];

    /// <summary>Set by rendering when a template read a variable that has no value yet.</summary>
    public string? MissingVariable { get; set; }

    /// <summary>This user's open WebSockets by URL, reused by its later WebSocket steps; aborted with the user.</summary>
    public Dictionary<Uri, System.Net.WebSockets.ClientWebSocket> Sockets => _sockets ??= [];

    private Dictionary<Uri, System.Net.WebSockets.ClientWebSocket>? _sockets;

    public byte[] Buffer { get; private set; } = ArrayPool<byte>.Shared.Rent(InitialBuffer);

    /// <summary>Doubles <see cref="Buffer"/>, keeping its first <paramref name="used"/> bytes.</summary>
    public void GrowBuffer(int used)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Buffer.Length * 2);
        Buffer.AsSpan(0, used).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(Buffer);
        Buffer = bigger;
    }

    /// <summary>A token that fires after <paramref name="timeout"/> or when the run is aborted; reused between requests.</summary>
    public CancellationToken StartTimeout(TimeSpan timeout)
    {
        if (_timeout is null || !_timeout.TryReset())
        {
            _timeout?.Dispose();
            _timeout = CancellationTokenSource.CreateLinkedTokenSource(_abort);
        }
        _timeout.CancelAfter(timeout);
        return _timeout.Token;
    }

    public void Dispose()
    {
        _timeout?.Dispose();
        if (_sockets is not null)
        {
            foreach (var socket in _sockets.Values)
                socket.Dispose();
            _sockets.Clear();
        }
        if (Buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(Buffer);
        Buffer = [];
    }
}
