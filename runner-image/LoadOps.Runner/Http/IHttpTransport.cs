using LoadOps.Runner.Execution;

namespace LoadOps.Runner.Http;

/// <summary>
/// Moves one rendered request to the target and reads the response into the virtual user's buffer, within the step's
/// timeout (each transport keeps it its own way). Failures surface as <see cref="OperationCanceledException"/> (timeout or abort), <see cref="HttpRequestException"/>
/// with <see cref="HttpRequestError.ConnectionError"/> (cannot connect) or <see cref="IOException"/> (anything else).
/// </summary>
internal interface IHttpTransport : IDisposable
{
    /// <summary>Sends <paramref name="step"/> to <paramref name="uri"/> with the headers in <see cref="VirtualUser.Headers"/>; <paramref name="abort"/> tears the run down.</summary>
    ValueTask<TransportResponse> SendAsync(PreparedStep step, Uri uri, byte[]? body, VirtualUser user, CancellationToken abort);
}

/// <summary>
/// A response as the checks need it. The body (when the step keeps it) is the first <see cref="BodyLength"/> bytes
/// of the user's buffer; <see cref="Header"/> reads a response header when the step asked for headers.
/// </summary>
internal readonly record struct TransportResponse(int Status, int BodyLength, long BytesSent, long BytesReceived, Func<string, string?>? Header);

/// <summary>Which HTTP/1.1 client a runner uses.</summary>
public enum HttpTransportKind
{
    /// <summary>.NET's HttpClient on a tuned SocketsHttpHandler: full HTTP semantics and HTTP/2 (<c>target.http: 2</c>).</summary>
    HttpClient,

    /// <summary>A lean HTTP/1.1 client on raw sockets (keep-alive, Content-Length and chunked bodies, TLS): the default, more requests per core.</summary>
    Raw,
}
