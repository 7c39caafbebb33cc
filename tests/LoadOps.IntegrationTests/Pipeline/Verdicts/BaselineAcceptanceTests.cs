using System.Text.Json.Nodes;
using System.Text;
using LoadOps.Cloud.Api;
using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Webhooks;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Pipeline.Verdicts;

/// <summary>
/// <c>/loadtest accept</c> through the webhook endpoint, with GitHub's own <c>issue_comment</c> example payload (npm
/// @octokit/webhooks-examples) turned into a comment on a pull request, on Azurite with the whole pipeline: the slower
/// level of a pull request stays a regression on main until someone with write access accepts it, and the report then
/// names the commit where the level changed.
/// </summary>
public sealed class BaselineAcceptanceTests(AzuriteFixture azurite)
{
    private const string Secret = "acceptance-test-secret-0123456789";
    private const string SlowCommit = "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a";
    private const string MergeCommit = "dededededededededededededededededededede";
    private const int Number = 7;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>GitHub's answers (a stand-in: no live GitHub here): the example's sender has write access unless told otherwise; the pull request is merged.</summary>
    private sealed class Access(RepositoryPermission permission) : IRepositoryAccess
    {
        public Task<RepositoryPermission> PermissionAsync(string repository, string login, CancellationToken cancellationToken) => Task.FromResult(permission);

        public Task<PullRequestHead?> PullRequestAsync(string repository, int number, CancellationToken cancellationToken) =>
            Task.FromResult<PullRequestHead?>(number == Number ? new PullRequestHead(SlowCommit, "feature/slower", "main", FromFork: false, IsOpen: false) : null);

        public System.Collections.Concurrent.ConcurrentQueue<string> Answers { get; } = new();

        public Task AnswerAsync(string repository, int pullRequest, string markdown, CancellationToken cancellationToken)
        {
            Answers.Enqueue(markdown);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task An_accepted_slower_level_becomes_the_baseline_and_the_report_names_its_commit()
    {
        using var rig = await VerdictRig.StartAsync(azurite, Ct);
        for (var i = 0; i < 4; i++)
            await rig.RunAsync(VerdictRig.Push($"main-{i}", $"{i:x}".PadLeft(40, 'c')), Ct);
        rig.Launcher.LevelMs = 30;
        var (pr, judged) = await rig.RunAsync(VerdictRig.PullRequest("pr-slow", SlowCommit, Number), Ct);
        Assert.Equal(RunVerdict.Regression, judged.Verdict);

        // Squash-merged: main runs the merge commit. Not accepted: a read-only user's comment changes nothing, so main at the new level is still a regression.
        var refused = await CommentAsync(rig, RepositoryPermission.Read, "/loadtest accept", "d-read");
        Assert.Equal(200, refused.StatusCode);
        Assert.Contains("needs write access", refused.Body, StringComparison.Ordinal);
        Assert.Equal(RunVerdict.Regression, (await rig.RunAsync(VerdictRig.Push("main-slow-1", MergeCommit), Ct)).Evaluation.Verdict);

        var github = new Access(RepositoryPermission.Write);
        var accepted = await CommentAsync(rig, github, "Intended: the new checks cost 10 ms.\n/loadtest accept checkout", "d-write");
        Assert.Equal(200, accepted.StatusCode);
        Assert.Contains($"run {pr.RunId} (commit {SlowCommit[..12]}) accepted by Codertocat as the new baseline level of main", accepted.Body, StringComparison.Ordinal);
        // The person sees the answer on the pull request, once, even when GitHub delivers the comment twice.
        var posted = Assert.Single(github.Answers);
        Assert.StartsWith("**LoadOps** accepted a new baseline level (`", posted, StringComparison.Ordinal);
        Assert.Contains("` by @Codertocat):", posted, StringComparison.Ordinal);
        Assert.Contains($"- {VerdictRig.TestName}: run {pr.RunId} (commit {SlowCommit[..12]}) accepted", posted, StringComparison.Ordinal);
        Assert.Contains("duplicate delivery", (await CommentAsync(rig, github, "/loadtest accept checkout", "d-write")).Body, StringComparison.Ordinal);
        Assert.Single(github.Answers);
        var entry = await new BaselineStore(rig.Clients).FindAsync(VerdictRig.TestName, "main", pr.RunId, Ct);
        Assert.True(entry?.Accepted);

        var (after, evaluation) = await rig.RunAsync(VerdictRig.Push("main-slow-2", MergeCommit), Ct);
        Assert.NotEqual(RunVerdict.Regression, evaluation.Verdict);
        Assert.Contains($"since run {pr.RunId} (commit {SlowCommit[..12]}), accepted", evaluation.BaselineLevel, StringComparison.Ordinal);
        Assert.Contains($"commit {SlowCommit[..12]}", await rig.ReportAsync(after.RunId, Ct), StringComparison.Ordinal);

        // The same comment delivered again accepts nothing new and still answers.
        var again = await CommentAsync(rig, RepositoryPermission.Write, "/loadtest accept", "d-write-2");
        Assert.Contains("accepted", again.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_accept_label_accepts_and_an_unknown_test_name_says_nothing_was_accepted()
    {
        using var rig = await VerdictRig.StartAsync(azurite, Ct);
        await rig.RunAsync(VerdictRig.PullRequest("pr-1", SlowCommit, Number), Ct);

        var github = new Access(RepositoryPermission.Admin);
        var unknown = await CommentAsync(rig, github, "/loadtest accept search", "d-unknown");
        Assert.Contains("nothing accepted: no run of 'search' of commit", unknown.Body, StringComparison.Ordinal);
        Assert.Contains("**LoadOps** accepted nothing", Assert.Single(github.Answers), StringComparison.Ordinal);

        var labeled = Example("pull_request", e => e["action"]?.GetValue<string>() == "labeled");
        labeled["label"]!["name"] = PullRequestCommandRules.AcceptLabel;
        labeled["number"] = Number;
        labeled["pull_request"]!["head"]!["sha"] = SlowCommit;
        var answer = await DeliverAsync(rig, new Access(RepositoryPermission.Maintain), "pull_request", labeled, "d-label");
        Assert.Equal(200, answer.StatusCode);
        Assert.Contains($"run {RunIdOf("pr-1")} (commit {SlowCommit[..12]}) accepted", answer.Body, StringComparison.Ordinal);
    }

    private static string RunIdOf(string requestId) => RunIds.For(requestId, VerdictRig.TestName);

    private static Task<ApiResponse> CommentAsync(VerdictRig rig, RepositoryPermission permission, string body, string deliveryId) =>
        CommentAsync(rig, new Access(permission), body, deliveryId);

    private static Task<ApiResponse> CommentAsync(VerdictRig rig, Access github, string body, string deliveryId)
    {
        var comment = Example("issue_comment", e => e["action"]?.GetValue<string>() == "created");
        comment["comment"]!["body"] = body;
        comment["issue"]!["number"] = Number;
        // GitHub marks a comment on a pull request by the issue's pull_request object; the examples are on issues.
        comment["issue"]!["pull_request"] = new JsonObject { ["url"] = $"https://api.github.com/repos/{VerdictRig.Repository}/pulls/{Number}" };
        return DeliverAsync(rig, github, "issue_comment", comment, deliveryId);
    }

    private static async Task<ApiResponse> DeliverAsync(VerdictRig rig, Access github, string eventName, JsonObject payload, string deliveryId)
    {
        var receiver = new WebhookReceiver(Secret, new StorageDeliveryLog(new DeliveryStore(rig.Clients, TimeProvider.System)),
            new QueueRunRequestSink(rig.Clients), new PullRequestCommandResolver(github), new StorageBaselineAcceptor(rig.Clients, rig.Launcher.Clock));
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        return await receiver.HandleAsync(new WebhookDelivery(eventName, deliveryId, WebhookSignature.Sign(Secret, body), body), Ct);
    }

    private static JsonObject Example(string eventName, Func<JsonObject, bool> pick)
    {
        var file = Examples.File();
        Assert.SkipUnless(file is not null, "GitHub's webhook examples are absent: run npm ci (package.json lists @octokit/webhooks-examples).");
        var group = JsonNode.Parse(File.ReadAllBytes(file!))!.AsArray().First(g => g!["name"]!.GetValue<string>() == eventName)!;
        return group["examples"]!.AsArray().Select(e => e!.AsObject()).First(pick).DeepClone().AsObject();
    }
}
