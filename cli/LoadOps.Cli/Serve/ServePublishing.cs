using System.Collections;
using System.Globalization;
using LoadOps.Cloud.Api;
using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Http;
using LoadOps.Cloud.Publish;
using LoadOps.Cloud.Storage;

namespace LoadOps.Cli.Serve;

/// <summary>
/// What <c>loadops serve</c> posts, from the same settings as the Functions app, as environment variables:
/// <c>LoadOps__GitHub__Token</c> (or <c>__AppId</c>, <c>__InstallationId</c>, <c>__PrivateKeyPem</c>),
/// <c>LoadOps__GitHub__BaseAddress</c>, <c>LoadOps__Publish__CommitStatuses</c>, and the Slack webhooks in
/// <c>LOADOPS_SECRET_&lt;NAME&gt;</c>. Runs of the local checkout (repository <c>local</c>, no commit) are never posted to GitHub.
/// </summary>
internal static class ServePublishing
{
    /// <param name="clients">Storage for the record of posted Slack reports (a redelivered report posts once).</param>
    public static (IRunPublisher Publisher, GitHubConnections? GitHub, string Description) FromEnvironment(StorageClients clients, TimeProvider clock)
    {
        var settings = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.OrdinalIgnoreCase);
        string? Get(string key) => settings.GetValueOrDefault(key.Replace(":", "__", StringComparison.Ordinal));
        var options = new GitHubOptions
        {
            BaseAddress = Uri.TryCreate(Get("LoadOps:GitHub:BaseAddress"), UriKind.Absolute, out var address) ? address : new GitHubOptions().BaseAddress,
            Token = Get("LoadOps:GitHub:Token"),
            AppId = Get("LoadOps:GitHub:AppId"),
            InstallationId = long.TryParse(Get("LoadOps:GitHub:InstallationId"), CultureInfo.InvariantCulture, out var id) ? id : 0,
            PrivateKeyPem = Get("LoadOps:GitHub:PrivateKeyPem"),
        };
        var publish = new PublishOptions { CommitStatuses = string.Equals(Get("LoadOps:Publish:CommitStatuses"), "true", StringComparison.OrdinalIgnoreCase) };
        var github = RunPublisherFactory.IsConfigured(options) ? new GitHubConnections(options, clock) : null;
        var publisher = RunPublisherFactory.Create(github, publish, settings, OutboundHttp.CreateClient(OutboundHttp.Slack, clock: clock), clock,
            slackPosted: new StorageDeliveryLog(new DeliveryStore(clients, clock), "slack"));
        return (publisher, github, RunPublisherFactory.Describe(github, publish));
    }
}
