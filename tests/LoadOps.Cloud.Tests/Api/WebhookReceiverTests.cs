using System.Collections.Concurrent;
using System.Text;
using LoadOps.Cloud.Api;
using LoadOps.Core.Webhooks;

namespace LoadOps.Cloud.Tests.Api;

public sealed class WebhookReceiverTests
{
    private const string Secret = "receiver-test-secret-0123456789";

    private sealed class MemoryDeliveries : IDeliveryLog
    {
        private readonly ConcurrentDictionary<string, bool> _seen = new();

        public Task<bool> TryRecordAsync(string deliveryId, CancellationToken cancellationToken) => Task.FromResult(_seen.TryAdd(deliveryId, true));

        public Task ForgetAsync(string deliveryId, CancellationToken cancellationToken)
        {
            _seen.TryRemove(deliveryId, out _);
            return Task.CompletedTask;
        }
    }

    private static WebhookDelivery Push(string deliveryId)
    {
        var body = Encoding.UTF8.GetBytes("""
            {"ref":"refs/heads/main","after":"0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c","deleted":false,
             "repository":{"full_name":"octo-org/shop","default_branch":"main"},
             "commits":[{"added":["loadtests/checkout.loadtest.yaml"],"modified":[],"removed":[]}],
             "sender":{"login":"octocat"}}
            """);
        return new WebhookDelivery("push", deliveryId, WebhookSignature.Sign(Secret, body), body);
    }

    [Fact]
    public async Task A_delivery_whose_request_could_not_be_sent_starts_its_run_when_redelivered()
    {
        var sink = new RecordingRunSink { FailuresLeft = 1 };
        var receiver = new WebhookReceiver(Secret, new MemoryDeliveries(), sink);

        await Assert.ThrowsAsync<InvalidOperationException>(() => receiver.HandleAsync(Push("d-7"), TestContext.Current.CancellationToken));
        var redelivered = await receiver.HandleAsync(Push("d-7"), TestContext.Current.CancellationToken);
        var again = await receiver.HandleAsync(Push("d-7"), TestContext.Current.CancellationToken);

        Assert.Equal(202, redelivered.StatusCode);
        Assert.Equal(200, again.StatusCode);
        Assert.Single(sink.Sent);
    }
}
