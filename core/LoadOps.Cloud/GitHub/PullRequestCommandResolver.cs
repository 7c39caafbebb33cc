using LoadOps.Core.Webhooks;

namespace LoadOps.Cloud.GitHub;

/// <summary>
/// Turns a <see cref="PullRequestCommand"/> into a decision: asks GitHub for the sender's permission (the payload's
/// claims are not trusted) and, when the payload did not carry it, for the pull request's head commit; then applies
/// <see cref="PullRequestCommandRules"/>. A GitHub failure is <see cref="WebhookDecision.Unavailable"/>, never a throw.
/// </summary>
public sealed class PullRequestCommandResolver(IRepositoryAccess access)
{
    public async Task<WebhookDecision> ResolveAsync(PullRequestCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            var permission = await access.PermissionAsync(command.Repository, command.Sender, cancellationToken);
            if (!PullRequestCommandRules.CanStartRuns(permission))
                return PullRequestCommandRules.Decide(command, permission, command.Head);
            var head = command.Head ?? await access.PullRequestAsync(command.Repository, command.PullRequest, cancellationToken);
            return PullRequestCommandRules.Decide(command, permission, head);
        }
        catch (GitHubException e)
        {
            return new WebhookDecision.Unavailable($"{command.Source} on {command.Repository}#{command.PullRequest} could not be checked: {e.Message}");
        }
    }

    /// <summary>Answers the person on their pull request; null when posted, else why not (the command's effect stands either way).</summary>
    public async Task<string?> AnswerAsync(string repository, int pullRequest, string markdown, CancellationToken cancellationToken)
    {
        try
        {
            await access.AnswerAsync(repository, pullRequest, markdown, cancellationToken);
            return null;
        }
        catch (GitHubException e)
        {
            return e.Message;
        }
    }
}
