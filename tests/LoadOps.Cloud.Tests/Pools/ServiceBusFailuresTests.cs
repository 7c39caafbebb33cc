using Azure.Messaging.ServiceBus;
using LoadOps.Cloud.Pools;

namespace LoadOps.Cloud.Tests.Pools;

/// <summary>The SDK's failure reasons, as the agent acts on them.</summary>
public sealed class ServiceBusFailuresTests
{
    [Theory]
    [InlineData(ServiceBusFailureReason.MessageLockLost, WorkQueueFailure.LockLost)]
    // Regression: the REST client reported a settle answered 410 (queue gone) as a lost lock, so an agent kept going.
    [InlineData(ServiceBusFailureReason.MessagingEntityNotFound, WorkQueueFailure.Refused)]
    [InlineData(ServiceBusFailureReason.MessagingEntityDisabled, WorkQueueFailure.Refused)]
    [InlineData(ServiceBusFailureReason.MessageSizeExceeded, WorkQueueFailure.Refused)]
    [InlineData(ServiceBusFailureReason.ServiceBusy, WorkQueueFailure.Transient)]
    [InlineData(ServiceBusFailureReason.ServiceTimeout, WorkQueueFailure.Transient)]
    [InlineData(ServiceBusFailureReason.ServiceCommunicationProblem, WorkQueueFailure.Transient)]
    public void Each_reason_maps_to_what_the_agent_does(ServiceBusFailureReason reason, WorkQueueFailure expected)
    {
        Assert.Equal(expected, ServiceBusFailures.Classify(new ServiceBusException("from the service", reason)));
    }

    [Fact]
    public void Refused_credentials_name_the_rule_or_role_to_fix()
    {
        var error = new UnauthorizedAccessException("Unauthorized access. 'Listen' claim(s) are required");

        var failure = ServiceBusFailures.Classify(error);

        Assert.Equal(WorkQueueFailure.Refused, failure);
        Assert.Contains("Data Receiver", ServiceBusFailures.Describe("loadops-pool-lab", error, failure), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settling_an_item_this_queue_never_handed_out_is_a_lost_lock_without_a_call()
    {
        // A namespace that is never contacted: the check happens before any AMQP call.
        // No retries and a short try timeout: if closing the client ever reaches for the network (DNS of a name that
        // does not exist can take minutes to fail here), the test stays short.
        var options = new ServiceBusClientOptions { RetryOptions = new ServiceBusRetryOptions { MaxRetries = 0, TryTimeout = TimeSpan.FromSeconds(2) } };
        await using var client = new ServiceBusClient("nowhere.servicebus.windows.net", new Azure.AzureNamedKeyCredential("listen", "a2V5"), options);
        await using var queue = new ServiceBusWorkQueue(client, "loadops-pool-lab", TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<WorkQueueException>(() => queue.CompleteAsync(new WorkItem("m1", "{}", 1, "lock-from-another-process"), TestContext.Current.CancellationToken));

        Assert.Equal(WorkQueueFailure.LockLost, error.Failure);
    }
}
