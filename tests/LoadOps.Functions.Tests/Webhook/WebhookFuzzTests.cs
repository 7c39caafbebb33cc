using System.Net;
using System.Text;
using LoadOps.Core.Webhooks;

namespace LoadOps.Functions.Tests.Webhook;

/// <summary>
/// Hostile and broken deliveries from a fixed seed: every one is answered with a 4xx or a 2xx, never a 5xx other than
/// the documented 503 (GitHub could not be asked), and the endpoint still works afterwards.
/// </summary>
public sealed class WebhookFuzzTests
{
    private const int Seed = 20261123;
    private static readonly string[] Payloads =
        ["push.json", "pull_request.json", "pull_request_fork.json", "pull_request_labeled_fork.json", "issue_comment_run.json", "issue_comment_approve.json"];
    private static readonly string[] Events = ["push", "pull_request", "issue_comment", "ping", "star", "", "PULL_REQUEST", "issue_comment\u0000", new string('e', 300)];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpFunctionsHost> HostAsync()
    {
        var host = await HttpFunctionsHost.StartAsync();
        host.Access.Permissions["maintainer-mia"] = RepositoryPermission.Admin;
        host.Access.PullRequests[42] = new PullRequestHead("6dcb09b5b57875f334f61aebed695e2e4193db5e", "cache-products", "main", true, true);
        return host;
    }

    private static async Task<HttpStatusCode> SendAsync(HttpFunctionsHost host, HttpRequestMessage request)
    {
        using var response = await host.Client.SendAsync(request, Ct);
        var code = (int)response.StatusCode;
        Assert.True(code is >= 200 and < 500,
            $"{request.Headers.GetValues("X-GitHub-Event").FirstOrDefault()}: {code} {await response.Content.ReadAsStringAsync(Ct)}");
        return response.StatusCode;
    }

    private static async Task AssertStillServesAsync(HttpFunctionsHost host)
    {
        var before = host.Sink.Sent.Count;
        var status = await SendAsync(host, SignedDelivery.Create("push", Payload.Text("push.json"), "after-fuzz-" + Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(before + 1, host.Sink.Sent.Count);
    }

    [Fact]
    public async Task Random_bytes_truncations_and_type_confusions_never_get_a_500()
    {
        await using var host = await HostAsync();
        var random = new Random(Seed);
        var seen = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < 600; i++)
        {
            var name = Payloads[random.Next(Payloads.Length)];
            var text = Payload.Text(name);
            byte[] body = (i % 3) switch
            {
                0 => RandomBytes(random),
                1 => Encoding.UTF8.GetBytes(text)[..random.Next(text.Length)],
                _ => Encoding.UTF8.GetBytes(JsonMutator.Mutate(text, random)),
            };
            var eventName = random.Next(4) == 0 ? Events[random.Next(Events.Length)] : EventOf(name);
            var status = await SendAsync(host, SignedDelivery.Create(eventName, body, $"fuzz-{i}"));
            seen[status] = seen.GetValueOrDefault(status) + 1;
        }

        // The mix must exercise both refusals and acceptances, or the fuzz tests nothing.
        Assert.True(seen.GetValueOrDefault(HttpStatusCode.BadRequest) > 50, string.Join(", ", seen));
        Assert.True(seen.GetValueOrDefault(HttpStatusCode.Accepted) + seen.GetValueOrDefault(HttpStatusCode.OK) > 50, string.Join(", ", seen));
        await AssertStillServesAsync(host);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData(null)]
    public async Task Wrong_content_types_are_answered_without_a_500(string? contentType)
    {
        await using var host = await HostAsync();
        var form = "payload=" + Uri.EscapeDataString(Payload.Text("push.json"));
        var body = Encoding.UTF8.GetBytes(contentType == "application/x-www-form-urlencoded" ? form : Payload.Text("pull_request.json"));

        await SendAsync(host, SignedDelivery.Create("push", body, "ct-1", contentType));
        await AssertStillServesAsync(host);
    }

    [Fact]
    public async Task Missing_and_odd_headers_get_a_4xx()
    {
        await using var host = await HostAsync();
        var body = Encoding.UTF8.GetBytes(Payload.Text("push.json"));
        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(host, SignedDelivery.Create("push", body, delivery: null)));
        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(host, SignedDelivery.Create("", body, "h-1")));
        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(host, SignedDelivery.Create("push", body, "   ")));

        var twoSignatures = SignedDelivery.Create("push", body, "h-2");
        twoSignatures.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, "sha256=" + new string('0', 64));
        Assert.True((int)await SendAsync(host, twoSignatures) is 202 or 401);

        var longSignature = SignedDelivery.Create("push", body, "h-3");
        longSignature.Headers.Remove(WebhookSignature.HeaderName);
        longSignature.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, "sha256=" + new string('f', 8_000));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(host, longSignature));

        var noSignature = SignedDelivery.Create("push", body, "h-4");
        noSignature.Headers.Remove(WebhookSignature.HeaderName);
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(host, noSignature));

        var longDelivery = SignedDelivery.Create("push", body, new string('d', 4_000));
        await SendAsync(host, longDelivery);
        await AssertStillServesAsync(host);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_25_MB_gets_413_whether_or_not_its_length_is_announced(bool announced)
    {
        await using var host = await HostAsync();
        var request = SignedDelivery.Create("push", [], "big-1");
        request.Content = new HugeContent(LoadOps.Cloud.Api.WebhookReceiver.MaxBodyBytes + 1, announced);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await SendAsync(host, request));
        await AssertStillServesAsync(host);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_signed_payload_gets_a_4xx()
    {
        await using var host = await HostAsync();
        foreach (var name in Payloads)
        {
            var bytes = Encoding.UTF8.GetBytes(Payload.Text(name)).ToList();
            var at = bytes.IndexOf((byte)'"', bytes.Count / 2) + 1;
            bytes.InsertRange(at, new byte[] { 0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80 });
            await SendAsync(host, SignedDelivery.Create(EventOf(name), bytes.ToArray(), "utf8-" + name));
        }
        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(host, SignedDelivery.Create("push", new byte[] { 0xFF, 0xFE, 0x7B, 0x7D }, "utf8-bom")));
        Assert.Empty(host.Sink.Sent);
        await AssertStillServesAsync(host);
    }

    [Theory]
    [InlineData(65)]
    [InlineData(100_000)]
    public async Task Deeply_nested_json_gets_400(int depth)
    {
        await using var host = await HostAsync();
        var nested = new string('[', depth) + new string(']', depth);
        var inside = Payload.Text("issue_comment_run.json").Replace("\"labels\": []", "\"labels\": " + nested, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(host, SignedDelivery.Create("push", nested, "deep-1")));
        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(host, SignedDelivery.Create("issue_comment", inside, "deep-2")));
        Assert.Empty(host.Sink.Sent);
        await AssertStillServesAsync(host);
    }

    private static string EventOf(string payloadName) =>
        payloadName.StartsWith("issue_comment", StringComparison.Ordinal) ? "issue_comment" : payloadName.StartsWith("push", StringComparison.Ordinal) ? "push" : "pull_request";

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 4096)];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A body of <c>length</c> spaces, streamed, with or without a Content-Length.</summary>
    private sealed class HugeContent(long length, bool announced) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, (byte)' ');
            for (var left = length; left > 0; left -= chunk.Length)
                await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, left)));
        }

        protected override bool TryComputeLength(out long size)
        {
            size = length;
            return announced;
        }
    }
}
