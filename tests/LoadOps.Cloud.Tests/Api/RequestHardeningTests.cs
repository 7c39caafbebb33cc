using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using LoadOps.Cloud.Api;
using LoadOps.Core.Webhooks;

namespace LoadOps.Cloud.Tests.Api;

/// <summary>What an attacker would send to the run API and the webhook, and what they must answer.</summary>
public sealed class RequestHardeningTests
{
    private const string Secret = "hardening-test-secret-0123456789";
    private const string Token = "hardening-api-token";

    private sealed class MemoryDeliveries : IDeliveryLog
    {
        private readonly ConcurrentDictionary<string, bool> _seen = new();

        public Task<bool> TryRecordAsync(string deliveryId, CancellationToken cancellationToken) =>
            // Table keys hold 512 characters: a longer one is what made the real store answer 500.
            deliveryId.Length > 512 ? throw new InvalidOperationException("the table refused the key") : Task.FromResult(_seen.TryAdd(deliveryId, true));

        public Task ForgetAsync(string deliveryId, CancellationToken cancellationToken) => Task.FromResult(_seen.TryRemove(deliveryId, out _));
    }

    private static WebhookDelivery Push(string repository, string branch, string deliveryId = "d-1")
    {
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            @ref = "refs/heads/" + branch, after = "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c", deleted = false,
            repository = new { full_name = repository, default_branch = "main" },
            commits = new[] { new { added = new[] { "loadtests/a.loadtest.yaml" }, modified = Array.Empty<string>(), removed = Array.Empty<string>() } },
        }));
        return new WebhookDelivery("push", deliveryId, WebhookSignature.Sign(Secret, body), body);
    }

    [Theory]
    [InlineData("../..")]
    [InlineData("octo/..")]
    [InlineData("-octo/shop")]
    [InlineData("octo/shop/extra")]
    [InlineData("local")]
    public void Regression_the_run_api_refuses_a_repository_that_is_not_owner_name(string repository)
    {
        var ok = StartRunBody.TryParse($$"""{"repository":"{{repository}}","commit":"abcdef1","branch":"main"}""", out _, out var problem);

        Assert.False(ok);
        Assert.Contains("owner/name", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("octo/shop", "main\u0000evil", 400)]
    [InlineData("local", "main", 400)]
    [InlineData("../..", "main", 400)]
    [InlineData("octo/shop", "feature/x", 202)]
    public async Task Regression_the_webhook_refuses_what_the_api_refuses(string repository, string branch, int expected)
    {
        var sink = new RecordingRunSink();
        var receiver = new WebhookReceiver(Secret, new MemoryDeliveries(), sink);

        var answer = await receiver.HandleAsync(Push(repository, branch), TestContext.Current.CancellationToken);

        Assert.Equal(expected, answer.StatusCode);
        Assert.Equal(expected == 202 ? 1 : 0, sink.Sent.Count);
    }

    [Theory]
    [InlineData(513)]
    [InlineData(129)]
    public async Task Regression_a_delivery_id_longer_than_a_table_key_is_a_400_not_a_500(int length)
    {
        var receiver = new WebhookReceiver(Secret, new MemoryDeliveries(), new RecordingRunSink());

        var answer = await receiver.HandleAsync(Push("octo/shop", "main", new string('d', length)), TestContext.Current.CancellationToken);

        Assert.Equal(400, answer.StatusCode);
        Assert.Contains("X-GitHub-Delivery", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "/api/runs/")]
    [InlineData("https://loadops.example.net/", "https://loadops.example.net/api/runs/")]
    public async Task Regression_status_links_never_echo_the_requests_host(string? publicUrl, string expectedStart)
    {
        var api = new RunApi(new ApiTokenCheck(new ApiOptions
        {
            Tokens = [new ApiTokenOptions { Sha256 = ApiTokenCheckTests.Sha256(Token) }],
            PublicUrl = publicUrl,
        }), new MemoryRunCatalog(), new RecordingRunSink());
        var request = new ApiRequest("POST", "/api/runs", "http://attacker.example")
        {
            Authorization = "Bearer " + Token,
            Body = """{"repository":"octo/shop","commit":"abcdef1","branch":"main","test":"checkout"}""",
        };

        var answer = await api.HandleAsync(request, TestContext.Current.CancellationToken);

        var statusUrl = JsonDocument.Parse(answer.Body).RootElement.GetProperty("statusUrl").GetString()!;
        Assert.StartsWith(expectedStart, statusUrl, StringComparison.Ordinal);
        Assert.StartsWith(expectedStart, answer.Headers["Location"], StringComparison.Ordinal);
        Assert.DoesNotContain("attacker", answer.Body + answer.Headers["Location"], StringComparison.Ordinal);
    }
}
