using System.Net;
using System.Text;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Webhooks;

namespace LoadOps.Functions.Tests.Webhook;

public sealed class WebhookEndpointTests
{
    private static HttpRequestMessage Delivery(string eventName, string body, string? delivery = "d-1", string? signature = null, bool sign = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/github/webhook")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-GitHub-Event", eventName);
        if (delivery is not null)
            request.Headers.Add("X-GitHub-Delivery", delivery);
        if (sign)
            request.Headers.Add("X-Hub-Signature-256", signature ?? WebhookSignature.Sign(HttpFunctionsHost.Secret, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    [Fact]
    public async Task A_signed_push_starts_one_run()
    {
        await using var host = await HttpFunctionsHost.StartAsync();

        var response = await host.Client.SendAsync(Delivery("push", Payload.Text("push.json")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var request = Assert.Single(host.Sink.Sent);
        Assert.Equal(RunTrigger.Push, request.Trigger);
        Assert.Equal("octo-org/shop", request.Repository);
        Assert.Equal("0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c", request.Commit);
        Assert.Equal("main", request.Branch);
        Assert.Equal(["loadtests/search.loadtest.yaml", "loadtests/checkout.loadtest.yaml", "src/Checkout.cs"], request.ChangedPaths);
    }

    [Theory]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("sha1=abc")]
    [InlineData("")]
    public async Task A_wrong_signature_gets_401_and_starts_nothing(string signature)
    {
        await using var host = await HttpFunctionsHost.StartAsync();

        var response = await host.Client.SendAsync(Delivery("push", Payload.Text("push.json"), signature: signature), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Sink.Sent);
    }

    [Fact]
    public async Task A_missing_signature_gets_401()
    {
        await using var host = await HttpFunctionsHost.StartAsync();
        var response = await host.Client.SendAsync(Delivery("push", Payload.Text("push.json"), sign: false), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Sink.Sent);
    }

    [Fact]
    public async Task A_body_changed_after_signing_gets_401()
    {
        await using var host = await HttpFunctionsHost.StartAsync();
        var body = Payload.Text("push.json");
        var signature = WebhookSignature.Sign(HttpFunctionsHost.Secret, Encoding.UTF8.GetBytes(body));

        var response = await host.Client.SendAsync(Delivery("push", body.Replace("main", "evil", StringComparison.Ordinal), signature: signature),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Sink.Sent);
    }

    [Fact]
    public async Task Without_a_configured_secret_every_delivery_is_refused()
    {
        await using var host = await HttpFunctionsHost.StartAsync(secret: null);
        var response = await host.Client.SendAsync(Delivery("push", Payload.Text("push.json")), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Sink.Sent);
    }

    [Fact]
    public async Task The_same_delivery_twice_starts_one_run()
    {
        await using var host = await HttpFunctionsHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        var first = await host.Client.SendAsync(Delivery("pull_request", Payload.Text("pull_request.json"), delivery: "same"), ct);
        var second = await host.Client.SendAsync(Delivery("pull_request", Payload.Text("pull_request.json"), delivery: "same"), ct);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("duplicate", await second.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Single(host.Sink.Sent);
    }

    [Fact]
    public async Task A_ping_is_answered_and_ignored()
    {
        await using var host = await HttpFunctionsHost.StartAsync();
        var response = await host.Client.SendAsync(Delivery("ping", """{"zen":"Keep it logically awesome.","hook_id":1}"""), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(host.Sink.Sent);
    }

    [Fact]
    public async Task A_signed_but_malformed_payload_gets_400()
    {
        await using var host = await HttpFunctionsHost.StartAsync();
        var response = await host.Client.SendAsync(Delivery("push", "{\"ref\": "), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(host.Sink.Sent);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413()
    {
        await using var host = await HttpFunctionsHost.StartAsync();
        var huge = new string(' ', LoadOps.Cloud.Api.WebhookReceiver.MaxBodyBytes + 1);
        var response = await host.Client.SendAsync(Delivery("push", huge), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(host.Sink.Sent);
    }
}
