using Azure.Messaging.ServiceBus;

namespace LoadOps.Cloud.Pools;

/// <summary>
/// Service Bus SDK failures in the terms an agent acts on. A lost lock and a queue that is gone are different things:
/// the first means "do not settle, someone else may run it", the second "the configuration is wrong, stop".
/// </summary>
internal static class ServiceBusFailures
{
    public static WorkQueueFailure Classify(Exception error) => error switch
    {
        ServiceBusException { Reason: ServiceBusFailureReason.MessageLockLost or ServiceBusFailureReason.SessionLockLost } => WorkQueueFailure.LockLost,
        ServiceBusException { Reason: ServiceBusFailureReason.MessagingEntityNotFound or ServiceBusFailureReason.MessagingEntityDisabled
            or ServiceBusFailureReason.MessageSizeExceeded or ServiceBusFailureReason.QuotaExceeded } => WorkQueueFailure.Refused,
        ServiceBusException { IsTransient: true } => WorkQueueFailure.Transient,
        ServiceBusException { Reason: ServiceBusFailureReason.ServiceTimeout or ServiceBusFailureReason.ServiceBusy or ServiceBusFailureReason.ServiceCommunicationProblem } => WorkQueueFailure.Transient,
        UnauthorizedAccessException => WorkQueueFailure.Refused,
        TimeoutException => WorkQueueFailure.Transient,
        _ => WorkQueueFailure.Refused,
    };

    /// <summary>A sentence naming the queue and what to do; the SDK's own message names no key.</summary>
    public static string Describe(string queue, Exception error, WorkQueueFailure failure) => failure switch
    {
        WorkQueueFailure.LockLost => $"the lock of the item on Service Bus queue '{queue}' expired or moved to another agent: it was not settled and may run again",
        WorkQueueFailure.Transient => $"Service Bus queue '{queue}' did not answer in time ({Reason(error)}); trying again",
        _ when error is UnauthorizedAccessException => $"Service Bus refused the credentials for queue '{queue}': check the key rule (Listen or Send) or the identity's Data Receiver/Sender role",
        _ => $"Service Bus queue '{queue}' refused the call ({Reason(error)}): check the namespace and queue name",
    };

    private static string Reason(Exception error) => error is ServiceBusException sb ? sb.Reason.ToString() : error.GetType().Name;
}
