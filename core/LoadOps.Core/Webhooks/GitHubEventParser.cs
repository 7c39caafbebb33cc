using System.Text.Json;
using LoadOps.Core.Pipeline;

namespace LoadOps.Core.Webhooks;

/// <summary>
/// Turns a GitHub webhook delivery (event name, delivery id, JSON body) into a <see cref="WebhookDecision"/>.
/// Pure: the signature is checked before, deduplication happens after. Never throws on a payload.
/// </summary>
public static class GitHubEventParser
{
    private static readonly HashSet<string> RunningPullRequestActions = ["opened", "synchronize", "reopened", "ready_for_review"];

    public static WebhookDecision Parse(string? eventName, string? deliveryId, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrWhiteSpace(deliveryId))
            return new WebhookDecision.Reject("the X-GitHub-Delivery header is missing");
        if (string.IsNullOrWhiteSpace(eventName))
            return new WebhookDecision.Reject("the X-GitHub-Event header is missing");

        // GitHub sends UTF-8; a string with broken bytes would otherwise fail only when a field is read.
        if (!System.Text.Unicode.Utf8.IsValid(body))
            return new WebhookDecision.Reject("the payload is not valid UTF-8");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            return new WebhookDecision.Reject($"the payload is not JSON ({e.Message}); set the webhook's content type to application/json");
        }

        using (document)
        {
            var payload = new PayloadReader(document.RootElement);
            try
            {
                return eventName switch
                {
                    "ping" => new WebhookDecision.Ignore("ping: the webhook is set up"),
                    "push" => FromPush(payload, deliveryId),
                    "pull_request" when payload.OptionalString("action") == "labeled" => PullRequestCommands.FromLabel(payload, deliveryId),
                    "pull_request" => FromPullRequest(payload, deliveryId),
                    "issue_comment" => PullRequestCommands.FromComment(payload, deliveryId),
                    _ => new WebhookDecision.Ignore($"event '{eventName}' does not start runs"),
                };
            }
            catch (PayloadReader.MissingField missing)
            {
                return new WebhookDecision.Reject($"the {eventName} payload has no {missing.Path}");
            }
        }
    }

    private static WebhookDecision FromPush(PayloadReader payload, string deliveryId)
    {
        var reference = payload.String("ref");
        if (!reference.StartsWith("refs/heads/", StringComparison.Ordinal))
            return new WebhookDecision.Ignore($"push to {reference} is not a branch");
        if (payload.OptionalBool("deleted"))
            return new WebhookDecision.Ignore("the branch was deleted");

        var changed = payload.Array("commits")
            .SelectMany(c => c.Strings("added").Concat(c.Strings("modified")))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new WebhookDecision.Start(new RunRequest
        {
            RequestId = deliveryId,
            Trigger = RunTrigger.Push,
            Repository = payload.String("repository.full_name"),
            Commit = payload.String("after"),
            Branch = reference["refs/heads/".Length..],
            InstallationId = payload.OptionalLong("installation.id"),
            Sender = payload.OptionalString("sender.login"),
            ChangedPaths = changed,
        });
    }

    private static WebhookDecision FromPullRequest(PayloadReader payload, string deliveryId)
    {
        var action = payload.String("action");
        if (!RunningPullRequestActions.Contains(action))
            return new WebhookDecision.Ignore($"pull request action '{action}' does not start runs");
        if (payload.OptionalBool("pull_request.draft"))
            return new WebhookDecision.Ignore("the pull request is a draft; it runs when marked ready for review");

        var head = PullRequestCommands.Head(payload);
        return new WebhookDecision.Start(new RunRequest
        {
            RequestId = deliveryId,
            Trigger = RunTrigger.PullRequest,
            Repository = payload.String("pull_request.base.repo.full_name"),
            Commit = head.Commit,
            Branch = head.Branch,
            PullRequest = PullRequestCommands.Number(payload, "number"),
            BaseBranch = head.BaseBranch,
            FromFork = head.FromFork,
            InstallationId = payload.OptionalLong("installation.id"),
            Sender = payload.OptionalString("sender.login"),
        });
    }
}
