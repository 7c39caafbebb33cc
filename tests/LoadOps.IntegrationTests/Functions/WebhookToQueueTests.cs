using System.Net;
using System.Text;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Webhooks;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Functions;

/// <summary>The webhook function with its real storage seams: a GitHub delivery ends up as one message on the validate queue.</summary>
public sealed class WebhookToQueueTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string PullRequest = """
        {"action":"opened","number":7,
         "pull_request":{"draft":false,"head":{"ref":"faster-cart","sha":"6dcb09b5b57875f334f61aebed695e2e4193db5e","repo":{"full_name":"octo-org/shop"}},
                         "base":{"ref":"main","repo":{"full_name":"octo-org/shop"}}},
         "repository":{"full_name":"octo-org/shop"},"installation":{"id":5}}
        """;

    private static HttpRequestMessage Delivery(string id)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/github/webhook") { Content = new StringContent(PullRequest, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", "pull_request");
        request.Headers.Add("X-GitHub-Delivery", id);
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(FunctionsAppRig.WebhookSecret, Encoding.UTF8.GetBytes(PullRequest)));
        return request;
    }

    [Fact]
    public async Task The_same_delivery_twice_queues_one_run_request()
    {
        await using var rig = await FunctionsAppRig.StartAsync(azurite, new Dictionary<string, string?>(), Ct);

        var first = await rig.Client.SendAsync(Delivery("delivery-1"), Ct);
        var again = await rig.Client.SendAsync(Delivery("delivery-1"), Ct);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var queue = new StageQueue(rig.Clients, rig.Clients.Names.Queue(StageQueueNames.Validate));
        var batch = await queue.ReceiveAsync<RunRequest>(32, TimeSpan.FromSeconds(30), Ct);
        var request = Assert.Single(batch.Messages).Body;
        Assert.Equal("delivery-1", request.RequestId);
        Assert.Equal(7, request.PullRequest);
        Assert.Equal("6dcb09b5b57875f334f61aebed695e2e4193db5e", request.Commit);
    }
}
