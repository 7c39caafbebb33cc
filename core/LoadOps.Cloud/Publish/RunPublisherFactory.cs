using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Slack;
using LoadOps.Pipeline.Publish;

namespace LoadOps.Cloud.Publish;

/// <summary>
/// Builds the publishers a host uses from its settings: GitHub when <c>LoadOps:GitHub</c> has an App or a token, and
/// Slack always (it posts only for definitions with <c>notify.slack</c>, to the webhook in <c>LOADOPS_SECRET_&lt;NAME&gt;</c>).
/// </summary>
public static class RunPublisherFactory
{
    private const string AciSecretsPrefix = "LoadOps:Aci:Secrets:";

    public static bool IsConfigured(GitHubOptions? options) =>
        options is not null && (options.UsesApp || !string.IsNullOrWhiteSpace(options.Token));

    /// <param name="settings">Configuration or environment: the <c>LOADOPS_SECRET_*</c> entries are read for Slack webhooks and masked in posted text.</param>
    /// <param name="slackPosted">Where posted Slack reports are claimed (one post per run); null: no memory.</param>
    public static IRunPublisher Create(
        GitHubConnections? github, PublishOptions options, IEnumerable<KeyValuePair<string, string?>> settings, HttpClient slackHttp, TimeProvider clock,
        SlackNotifierOptions? slackOptions = null, Api.IDeliveryLog? slackPosted = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var runnerSecrets = new List<string?>();
        foreach (var (key, value) in settings)
        {
            if (key.StartsWith(SecretScrubber.Prefix, StringComparison.OrdinalIgnoreCase))
                values[key] = value;
            else if (key.StartsWith(AciSecretsPrefix, StringComparison.OrdinalIgnoreCase))
                runnerSecrets.Add(value);
        }
        // The definitions' secrets the ACI runners get (LoadOps:Aci:Secrets:NAME) are masked too, not only LOADOPS_SECRET_*.
        var scrubber = new SecretScrubber(values.Values.Concat(runnerSecrets));
        var slack = new SlackRunPublisher(new SlackNotifier(slackHttp, slackOptions), name => values.GetValueOrDefault(SecretScrubber.Prefix + name), scrubber, slackPosted);
        return github is null
            ? new RunPublishers([slack])
            : new RunPublishers([new GitHubRunPublisher(github, options, scrubber), slack]);
    }

    /// <summary>The line a host logs once at start.</summary>
    public static string Describe(GitHubConnections? github, PublishOptions options) => github is null
        ? $"GitHub is not configured ({GitHubOptions.SectionName}:AppId + PrivateKeyPem, or Token): no check run, PR comment or commit status is posted; " +
          "Slack is posted for definitions with notify.slack whose webhook secret is set"
        : $"publishing to {github}: {(github.Options.UsesApp ? "check runs" : GitHubRunPublisher.CheckRunsNeedTheApp + " (PR comments and commit statuses work with a token)")}, " +
          $"{(options.PullRequestComments ? "PR comments" : "no PR comments")}, " +
          $"{(options.CommitStatuses ? "commit statuses" : "no commit statuses")}; Slack for definitions with notify.slack";
}
