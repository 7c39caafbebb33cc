using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using LoadOps.Cloud.Api;
using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Tests.GitHub;
using LoadOps.Core.Webhooks;

namespace LoadOps.Cloud.Tests.Api;

/// <summary>
/// GitHub's real example payloads (npm @octokit/webhooks-examples, a devDependency: `npm ci` brings it) through the
/// webhook receiver: every one is answered (2xx, or a 4xx that says why), never a 500.
/// </summary>
public sealed class WebhookExamplesTests
{
    private const string Secret = "examples-test-secret-0123456789";
    private const string PackageFile = "node_modules/@octokit/webhooks-examples/api.github.com/index.json";

    private sealed class MemoryDeliveries : IDeliveryLog
    {
        private readonly ConcurrentDictionary<string, bool> _seen = new();

        public Task<bool> TryRecordAsync(string deliveryId, CancellationToken cancellationToken) => Task.FromResult(_seen.TryAdd(deliveryId, true));

        public Task ForgetAsync(string deliveryId, CancellationToken cancellationToken) => Task.FromResult(_seen.TryRemove(deliveryId, out _));
    }

    /// <summary>GitHub's answers for a collaborator with write access; the pull request is not found (the payloads carry their head).</summary>
    private sealed class WriterAccess : IRepositoryAccess
    {
        public Task<RepositoryPermission> PermissionAsync(string repository, string login, CancellationToken cancellationToken) => Task.FromResult(RepositoryPermission.Write);

        public Task<PullRequestHead?> PullRequestAsync(string repository, int number, CancellationToken cancellationToken) => Task.FromResult<PullRequestHead?>(null);

        public Task AnswerAsync(string repository, int pullRequest, string markdown, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static JsonArray Examples()
    {
        var file = Environment.GetEnvironmentVariable("LOADOPS_WEBHOOK_EXAMPLES") is { Length: > 0 } path ? path : GitHubOpenApi.RepositoryFile(PackageFile);
        Assert.SkipUnless(file is not null && File.Exists(file), $"GitHub's webhook examples are absent ({PackageFile}): run npm ci (package.json lists @octokit/webhooks-examples).");
        return JsonNode.Parse(File.ReadAllBytes(file!))!.AsArray();
    }

    [Fact]
    public async Task Every_example_payload_is_answered_without_a_server_error()
    {
        var sink = new RecordingRunSink();
        var receiver = new WebhookReceiver(Secret, new MemoryDeliveries(), sink, new PullRequestCommandResolver(new WriterAccess()));
        var answers = new List<(string Event, int Status, string Body)>();

        foreach (var group in Examples())
        {
            var eventName = group!["name"]!.GetValue<string>();
            var examples = group["examples"]!.AsArray();
            for (var i = 0; i < examples.Count; i++)
            {
                var body = Encoding.UTF8.GetBytes(examples[i]!.ToJsonString());
                var delivery = new WebhookDelivery(eventName, $"{eventName}-{i}", WebhookSignature.Sign(Secret, body), body);
                var answer = await receiver.HandleAsync(delivery, TestContext.Current.CancellationToken);
                answers.Add((eventName, answer.StatusCode, answer.Body));
            }
        }

        Assert.True(answers.Count > 300, $"{answers.Count} examples");
        Assert.All(answers, a => Assert.True(a.Status is 200 or 202 or 400, $"{a.Event}: {a.Status} {a.Body}"));
        Assert.All(answers.Where(a => a.Status == 400), a => Assert.False(string.IsNullOrWhiteSpace(a.Body), a.Event));
        Assert.Contains(answers, a => a.Event == "push" && a.Status == 202);
        Assert.Contains(answers, a => a.Event == "pull_request" && a.Status == 202);
        Assert.All(sink.Sent, request => Assert.Matches("^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$", request.Repository));
    }
}
