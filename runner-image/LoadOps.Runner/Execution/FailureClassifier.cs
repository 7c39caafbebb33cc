using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Authentication;
using LoadOps.Core.Results;
using LoadOps.Runner.Http;
using LoadOps.Runner.Recording;

namespace LoadOps.Runner.Execution;

/// <summary>
/// Names how a request that threw ended (<see cref="ErrorKinds"/>), the same way for both transports: HttpClient
/// says it in <see cref="HttpRequestError"/>, the raw client in the socket error or <see cref="MalformedResponseException"/>.
/// </summary>
internal static class FailureClassifier
{
    public static (Outcome Outcome, string Kind) Classify(Exception exception)
    {
        // A WebSocket handshake that could not connect wraps the HTTP client's own error: classify that.
        if (exception is WebSocketException { InnerException: HttpRequestException or IOException } wrapped)
            return Classify(wrapped.InnerException!);
        var socket = Find<SocketException>(exception);
        if (Find<MalformedResponseException>(exception) is not null)
            return (Outcome.Other, ErrorKinds.Protocol);
        if (Find<AuthenticationException>(exception) is not null)
            return (Outcome.Connect, ErrorKinds.Tls);
        switch (socket?.SocketErrorCode)
        {
            case SocketError.ConnectionRefused:
                return (Outcome.Connect, ErrorKinds.Refused);
            case SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData:
                return (Outcome.Connect, ErrorKinds.Dns);
            case SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown:
                return (Outcome.Other, ErrorKinds.Reset);
        }
        return exception switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => (Outcome.Connect, ErrorKinds.Dns),
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => (Outcome.Connect, ErrorKinds.Tls),
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => (Outcome.Connect, ErrorKinds.Connect),
            HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse or HttpRequestError.ConfigurationLimitExceeded } => (Outcome.Other, ErrorKinds.Protocol),
            HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => (Outcome.Other, ErrorKinds.Reset),
            HttpIOException { HttpRequestError: HttpRequestError.InvalidResponse } => (Outcome.Other, ErrorKinds.Protocol),
            HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded } => (Outcome.Other, ErrorKinds.Reset),
            IOException => (Outcome.Other, ErrorKinds.Reset),
            WebSocketException { WebSocketErrorCode: WebSocketError.ConnectionClosedPrematurely } => (Outcome.Other, ErrorKinds.Reset),
            WebSocketException => (Outcome.Other, ErrorKinds.Protocol),
            _ when socket is not null => (Outcome.Connect, ErrorKinds.Connect),
            _ => (Outcome.Other, ErrorKinds.Other),
        };
    }

    private static T? Find<T>(Exception? exception) where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
                return found;
        }
        return null;
    }
}
