namespace LoadOps.Cloud.ServiceBus;

/// <summary>A Service Bus request failed; the message says what was asked, what came back and what to do. No secrets in it.</summary>
public sealed class ServiceBusException(ServiceBusFailure failure, string message, int? status = null) : Exception(message)
{
    public ServiceBusFailure Failure { get; } = failure;

    /// <summary>The HTTP status, when the service answered.</summary>
    public int? Status { get; } = status;

    /// <summary>Worth trying again later (the client already retried a few times).</summary>
    public bool IsTransient => Failure == ServiceBusFailure.Unavailable;
}
