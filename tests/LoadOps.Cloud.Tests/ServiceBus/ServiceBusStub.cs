using LoadOps.Cloud.ServiceBus;
using LoadOps.Cloud.Tests.Stubs;

namespace LoadOps.Cloud.Tests.ServiceBus;

/// <summary>A queue client pointed at a stub server, with a SAS key, few attempts and a short per-request timeout.</summary>
internal static class ServiceBusStub
{
    public const string Queue = "loadops-pool-lab";

    public static ServiceBusQueueClient Client(StubServer stub, HttpClient http, int maxAttempts = 3, TimeSpan? requestTimeout = null) =>
        new(http, stub.Address, Queue, ServiceBusCredential.FromSharedAccessKey("agent-listen", "c2VjcmV0LWtleS1mb3ItdGVzdHM=", TimeProvider.System),
            TimeProvider.System, maxAttempts, requestTimeout ?? TimeSpan.FromSeconds(10));

    public static StubResponse Message(string body, string brokerProperties) =>
        new(201, body, new Dictionary<string, string> { ["BrokerProperties"] = brokerProperties });

    public const string Properties =
        """{"DeliveryCount":2,"EnqueuedSequenceNumber":0,"LockToken":"7da9cfd5-40d5-4bb1-8d64-ec5a52e1c547","LockedUntilUtc":"Mon, 23 Nov 2026 10:37:58 GMT","MessageId":"run1-s000","SequenceNumber":11,"State":"Active","TimeToLive":922337203685.47754}""";
}
