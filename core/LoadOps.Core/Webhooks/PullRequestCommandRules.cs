using LoadOps.Core.Pipeline;

namespace LoadOps.Core.Webhooks;

/// <summary>
/// Decides what a <see cref="PullRequestCommand"/> starts once the sender's permission and the pull request's head are
/// known. Only users with write access (write, maintain, admin) may start runs; everyone else is ignored with the
/// reason. An accept needs no open pull request and starts no run: it becomes a <see cref="WebhookDecision.Accept"/>.
/// Pure: the lookups happen before.
/// </summary>
public static class PullRequestCommandRules
{
    public const string ApprovalLabel = "loadops:approved";

    /// <summary>The label that accepts the pull request's measured level as the new baseline (<see cref="PullRequestCommandKind.Accept"/>).</summary>
    public const string AcceptLabel = "loadops:accept-baseline";

    public static bool CanStartRuns(RepositoryPermission permission) => permission >= RepositoryPermission.Write;

    public static WebhookDecision Decide(PullRequestCommand command, RepositoryPermission permission, PullRequestHead? head)
    {
        ArgumentNullException.ThrowIfNull(command);
        var where = $"{command.Repository}#{command.PullRequest}";
        if (!CanStartRuns(permission))
            return new WebhookDecision.Ignore(
                $"{command.Source} by {command.Sender} on {where} ignored: {command.Sender} has {permission.ToString().ToLowerInvariant()} access; " +
                "starting, approving or accepting load tests needs write access to the repository");
        if (head is null)
            return new WebhookDecision.Ignore($"{command.Source} on {where} ignored: the pull request was not found");
        if (command.Kind == PullRequestCommandKind.Accept)
        {
            // A merged pull request may still accept: after the merge is when its level shows on the baseline branch.
            return new WebhookDecision.Accept(new BaselineAcceptance
            {
                DeliveryId = command.DeliveryId,
                Repository = command.Repository,
                PullRequest = command.PullRequest,
                Commit = head.Commit,
                TestName = command.TestName,
                AcceptedBy = command.Sender,
                Source = command.Source,
            });
        }
        if (!head.IsOpen)
            return new WebhookDecision.Ignore($"{command.Source} on {where} ignored: the pull request is closed");

        if (command.Kind == PullRequestCommandKind.Approve)
        {
            if (!head.FromFork)
                return new WebhookDecision.Ignore(
                    $"{command.Source} on {where} ignored: the pull request is not from a fork, so it needs no approval; comment `/loadtest run` to run it again");
            if (command.CommitPrefix is { } prefix && !head.Commit.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                return new WebhookDecision.Ignore(
                    $"{command.Source} on {where} ignored: the head commit is now {head.Commit}, not {prefix}; review the new commits and approve again");
        }

        return new WebhookDecision.Start(new RunRequest
        {
            // One approval per head commit: a second approval (label and comment, or two comments) finds the first one's
            // request id in the delivery log and starts nothing more. A run command is a new run each time it is sent.
            RequestId = command.Kind == PullRequestCommandKind.Approve ? ApprovalRequestId(command.Repository, command.PullRequest, head.Commit) : command.DeliveryId,
            Trigger = command.Trigger,
            Repository = command.Repository,
            Commit = head.Commit,
            Branch = head.Branch,
            PullRequest = command.PullRequest,
            BaseBranch = head.BaseBranch,
            FromFork = head.FromFork,
            InstallationId = command.InstallationId,
            Sender = command.Sender,
            ApprovedBy = command.Sender,
            TestName = command.TestName,
        });
    }

    /// <summary>The request id of the approval of <paramref name="commit"/> on a pull request: the same for every approval of it.</summary>
    public static string ApprovalRequestId(string repository, int pullRequest, string commit) =>
        $"approve:{repository}#{pullRequest}@{commit}";
}
