using System.Net;
using System.Text;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Webhooks;
using LoadOps.Functions.Hosting;
using LoadOps.Functions.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;

namespace LoadOps.IntegrationTests.Functions;

/// <summary>The handler app with its real storage seams: a GitHub delivery ends up as one message on the validate queue.</summary>
public sealed class WebhookToQueueTests(AzuriteFixture azurite)
{
    private const string Secret = "integration-webhook-secret-42";
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
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(Secret, Encoding.UTF8.GetBytes(PullRequest)));
        return request;
    }

    [Fact]
    public async Task The_same_delivery_twice_queues_one_run_request()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LoadOps:GitHub:WebhookSecret"] = Secret,
            ["LoadOps:Storage:ConnectionString"] = azurite.ConnectionString,
            ["LoadOps:Storage:NamePrefix"] = clients.Names.Prefix,
        });
        builder.Services.AddLoadOpsFunctions(builder.Configuration);
        builder.Services.AddLoadOpsStorage();
        await using var app = builder.Build();
        app.MapFunctions();
        await app.StartAsync(Ct);
        using var client = app.GetTestClient();

        var first = await client.SendAsync(Delivery("delivery-1"), Ct);
        var again = await client.SendAsync(Delivery("delivery-1"), Ct);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var queue = new StageQueue(clients, clients.Names.Queue(StageQueueNames.Validate));
        var batch = await queue.ReceiveAsync<RunRequest>(32, TimeSpan.FromSeconds(30), Ct);
        var request = Assert.Single(batch.Messages).Body;
        Assert.Equal("delivery-1", request.RequestId);
        Assert.Equal(7, request.PullRequest);
        Assert.Equal("6dcb09b5b57875f334f61aebed695e2e4193db5e", request.Commit);
    }
}
