using System.Net.Http.Headers;
using LoadOps.Core.Webhooks;

namespace LoadOps.Functions.Tests.Webhook;

/// <summary>A webhook delivery as GitHub sends it: JSON body, event and delivery headers, HMAC signature over the exact bytes.</summary>
internal static class SignedDelivery
{
    public static HttpRequestMessage Create(string eventName, byte[] body, string? delivery = "d-1", string? contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/github/webhook") { Content = content };
        request.Headers.TryAddWithoutValidation("X-GitHub-Event", eventName);
        if (delivery is not null)
            request.Headers.TryAddWithoutValidation("X-GitHub-Delivery", delivery);
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(HttpFunctionsHost.Secret, body));
        return request;
    }

    public static HttpRequestMessage Create(string eventName, string body, string? delivery = "d-1") =>
        Create(eventName, System.Text.Encoding.UTF8.GetBytes(body), delivery);
}
