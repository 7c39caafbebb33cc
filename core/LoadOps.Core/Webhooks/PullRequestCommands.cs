using LoadOps.Core.Pipeline;

namespace LoadOps.Core.Webhooks;

/// <summary>
/// Reads the deliveries by which a person asks LoadOps for something on a pull request: a <c>pull_request</c>
/// <c>labeled</c> event with <c>loadops:approved</c> or <c>loadops:accept-baseline</c>, an <c>issue_comment</c> <c>created</c> with a <c>/loadtest</c>
/// line. The sender is taken from the payload but trusted for nothing: write access is checked with GitHub after.
/// </summary>
internal static class PullRequestCommands
{
    public static WebhookDecision FromLabel(PayloadReader payload, string deliveryId)
    {
        var label = payload.OptionalString("label.name");
        PullRequestCommandKind? kind = label switch
        {
            PullRequestCommandRules.ApprovalLabel => PullRequestCommandKind.Approve,
            PullRequestCommandRules.AcceptLabel => PullRequestCommandKind.Accept,
            _ => null,
        };
        if (kind is null)
            return new WebhookDecision.Ignore($"label '{label}' means nothing to LoadOps (only '{PullRequestCommandRules.ApprovalLabel}' and '{PullRequestCommandRules.AcceptLabel}' do)");
        return new WebhookDecision.Command(new PullRequestCommand
        {
            DeliveryId = deliveryId,
            Kind = kind.Value,
            Trigger = RunTrigger.PullRequest,
            Repository = payload.String("repository.full_name"),
            PullRequest = Number(payload, "number"),
            Sender = payload.String("sender.login"),
            Source = $"label {label}",
            Head = Head(payload),
            InstallationId = payload.OptionalLong("installation.id"),
        });
    }

    public static WebhookDecision FromComment(PayloadReader payload, string deliveryId)
    {
        var action = payload.String("action");
        if (action != "created")
            return new WebhookDecision.Ignore($"comment action '{action}' does not start runs (only new comments are read)");
        if (!payload.Has("issue.pull_request"))
            return new WebhookDecision.Ignore("a comment on an issue, not on a pull request");
        if (payload.OptionalString("sender.type") == "Bot")
            return new WebhookDecision.Ignore("a comment by a bot; commands are read from people only");
        if (CommentCommandParser.Parse(payload.OptionalString("comment.body") ?? "", out var problem) is not { } command)
            return new WebhookDecision.Ignore(problem);

        var sender = payload.String("sender.login");
        return new WebhookDecision.Command(new PullRequestCommand
        {
            DeliveryId = deliveryId,
            Kind = command.Kind,
            Trigger = RunTrigger.Comment,
            Repository = payload.String("repository.full_name"),
            PullRequest = Number(payload, "issue.number"),
            Sender = sender,
            Source = command.Argument is null ? $"/loadtest {Verb(command.Kind)}" : $"/loadtest {Verb(command.Kind)} {command.Argument}",
            TestName = command.Kind is PullRequestCommandKind.Run or PullRequestCommandKind.Accept ? command.Argument : null,
            CommitPrefix = command.Kind == PullRequestCommandKind.Approve ? command.Argument : null,
            InstallationId = payload.OptionalLong("installation.id"),
        });
    }

    /// <summary>The head of the pull request in a <c>pull_request</c> payload.</summary>
    public static PullRequestHead Head(PayloadReader payload)
    {
        var baseRepository = payload.String("pull_request.base.repo.full_name");
        // A head repository that no longer exists (deleted fork) is treated as a fork: never trusted.
        var headRepository = payload.OptionalString("pull_request.head.repo.full_name");
        return new PullRequestHead(
            payload.String("pull_request.head.sha"),
            payload.String("pull_request.head.ref"),
            payload.String("pull_request.base.ref"),
            !string.Equals(headRepository, baseRepository, StringComparison.OrdinalIgnoreCase),
            payload.OptionalString("pull_request.state") is null or "open");
    }

    /// <summary>A pull request or issue number: a whole number from 1 to <see cref="int.MaxValue"/>.</summary>
    public static int Number(PayloadReader payload, string path) =>
        payload.Long(path) is var number and > 0 and <= int.MaxValue ? (int)number : throw new PayloadReader.MissingField(path);

    private static string Verb(PullRequestCommandKind kind) => kind.ToString().ToLowerInvariant();
}
