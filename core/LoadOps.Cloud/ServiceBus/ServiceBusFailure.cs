namespace LoadOps.Cloud.ServiceBus;

/// <summary>Why a Service Bus request failed, in the terms a caller acts on.</summary>
public enum ServiceBusFailure
{
    /// <summary>401/403: the key or identity is wrong, expired, or lacks the Send/Listen right.</summary>
    Unauthorized,

    /// <summary>404/410 on send or receive: the namespace or queue does not exist.</summary>
    NotFound,

    /// <summary>404/409/410 on complete, abandon or renew: the lock expired or another receiver holds the message.</summary>
    LockLost,

    /// <summary>429/503 or 5xx or a timeout on every attempt: the service is busy or unreachable; try later.</summary>
    Unavailable,

    /// <summary>Another 4xx: the request was refused (e.g. 400 bad request, 413 message too large).</summary>
    Rejected,

    /// <summary>The answer could not be understood (e.g. a received message without a usable BrokerProperties header).</summary>
    Malformed,
}
