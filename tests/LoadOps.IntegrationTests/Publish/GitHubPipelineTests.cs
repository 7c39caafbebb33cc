using System.Net;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Tests.Stubs;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Serialization;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Publish;

/// <summary>
/// A signed pull_request webhook to a verdict on (stub) GitHub: definitions and policy read from GitHub, the changed
/// definition run by real runners against the sample target on Azurite, the check run and one sticky comment posted.
/// </summary>
public sealed class GitHubPipelineTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pull_request_webhook_ends_with_a_check_run_matching_the_verdict_and_one_comment_even_when_the_report_is_delivered_twice()
    {
        await using var rig = await GitHubPipelineRig.StartAsync(azurite, Ct);

        Assert.Equal(HttpStatusCode.Accepted, await rig.DeliverPullRequestAsync("pr-delivery-1", Ct));
        var run = await rig.PumpUntilTerminalAsync(RunIds.For("pr-delivery-1", GitHubPipelineRig.TestName), Ct);

        Assert.True(run.Status == RunStatus.Reported, $"{run.Status}: {run.StatusReason}\n{string.Join("\n", rig.Log)}");
        Assert.Equal(5, run.InstallationId);
        Assert.Equal("main", run.PolicyRef);
        // Only the definition the PR changes runs.
        Assert.Null(await rig.Stages.Runs.GetAsync(RunIds.For("pr-delivery-1", "untouched"), Ct));

        // The report message delivered twice more: nothing new on GitHub.
        await rig.Stages.Sender.SendAsync(new ReportRun(run.RunId), Ct);
        await rig.Stages.Sender.SendAsync(new ReportRun(run.RunId), Ct);
        for (var i = 0; i < 3; i++)
            await rig.Pump.PumpOnceAsync(Ct);

        var evaluation = await new PipelineBlobs(rig.Clients).ReadEvaluationAsync(run.RunId, Ct);
        Assert.NotNull(evaluation);
        await using var stored = await rig.Stages.Results.OpenReportAsync(ArtifactNames.ReportBlobName(run.RunId, "report.md"), Ct);
        var markdown = await new StreamReader(stored!).ReadToEndAsync(Ct);

        var check = Assert.Single(rig.GitHub.CheckRuns.Values, c => c["name"]!.GetValue<string>() == "loadops/" + GitHubPipelineRig.TestName);
        Assert.Equal("completed", check["status"]!.GetValue<string>());
        var expected = evaluation.Verdict switch
        {
            RunVerdict.Pass or RunVerdict.Improvement => evaluation.Reservations.Count == 0 ? "success" : "neutral",
            RunVerdict.Fail or RunVerdict.Regression => "failure",
            _ => "neutral",
        };
        Assert.Equal(expected, check["conclusion"]!.GetValue<string>());
        Assert.Equal(markdown, check["output"]!["summary"]!.GetValue<string>());
        Assert.Equal(GitHubPipelineRig.Sha, check["head_sha"]!.GetValue<string>());

        var comment = Assert.Single(rig.GitHub.Comments.Values);
        Assert.Equal(markdown, comment);
        Assert.Contains($"<!-- loadops:comment test={GitHubPipelineRig.TestName} -->", comment, StringComparison.Ordinal);
        Assert.NotEmpty(rig.GitHub.Statuses);
        Assert.DoesNotContain(rig.GitHub.CheckRuns.Values, c => c["name"]!.GetValue<string>() == "loadops/validate");

        // One Slack message for the one verdict, even with the report delivered three times.
        var slack = Assert.Single(rig.Slack.Requests);
        Assert.Contains(GitHubPipelineRig.TestName, slack.BodyText, StringComparison.Ordinal);

        // The runners resolved the secret header (a missing secret stops them), and no posted text contains its value.
        Assert.DoesNotContain(GitHubPipelineRig.SecretValue, rig.GitHub.AllPostedText, StringComparison.Ordinal);
        Assert.DoesNotContain(GitHubPipelineRig.SecretValue, slack.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain(GitHubPipelineRig.SecretValue, markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GitHub_failing_to_take_the_check_run_leaves_the_run_reported_with_the_reason()
    {
        await using var rig = await GitHubPipelineRig.StartAsync(azurite, Ct);
        rig.GitHub.Fault = r => r.Method == "POST" && r.Path.EndsWith("/check-runs", StringComparison.Ordinal)
            ? StubResponse.Json("""{"message":"Server Error"}""", 502)
            : null;

        Assert.Equal(HttpStatusCode.Accepted, await rig.DeliverPullRequestAsync("pr-delivery-2", Ct));
        var run = await rig.PumpUntilTerminalAsync(RunIds.For("pr-delivery-2", GitHubPipelineRig.TestName), Ct);

        Assert.True(run.Status == RunStatus.Reported, $"{run.Status}: {run.StatusReason}");
        Assert.Contains("publishing failed: loadops/pr-smoke: GitHub", run.StatusReason, StringComparison.Ordinal);
        Assert.Contains("(502): still failing after 4 attempts: Server Error", run.StatusReason, StringComparison.Ordinal);
        Assert.Single(rig.GitHub.Comments);
    }

    [Fact]
    public async Task An_invalid_changed_definition_posts_the_validate_check_run_with_annotations()
    {
        await using var rig = await GitHubPipelineRig.StartAsync(azurite, Ct);
        rig.GitHub.Files["loadtests/pr-smoke.loadtest.yaml"] = "version: 1\nname: pr-smoke\nscenarois: []\n";

        Assert.Equal(HttpStatusCode.Accepted, await rig.DeliverPullRequestAsync("pr-delivery-3", Ct));
        var run = await rig.PumpUntilTerminalAsync(RunIds.For("pr-delivery-3", GitHubPipelineRig.TestName), Ct);

        Assert.Equal(RunStatus.Failed, run.Status);
        var check = Assert.Single(rig.GitHub.CheckRuns.Values);
        Assert.Equal("loadops/validate", check["name"]!.GetValue<string>());
        Assert.Equal("failure", check["conclusion"]!.GetValue<string>());
        Assert.Contains(check["output"]!["annotations"]!.AsArray(), a => a!["path"]!.GetValue<string>() == "loadtests/pr-smoke.loadtest.yaml");
    }

    [Fact]
    public async Task The_pull_requests_own_policy_is_not_used_the_base_branch_policy_is()
    {
        await using var rig = await GitHubPipelineRig.StartAsync(azurite, Ct);
        // Swap: now the base forbids the loopback target and the PR allows it. The run must fail validation.
        rig.GitHub.Files[".loadops/policy.yaml"] = "allowedHosts: [127.0.0.1, localhost]\n";
        rig.GitHub.FilesByRef["main"] = new Dictionary<string, string> { [".loadops/policy.yaml"] = "allowedHosts: [api.example.com]\n" };

        Assert.Equal(HttpStatusCode.Accepted, await rig.DeliverPullRequestAsync("pr-delivery-4", Ct));
        var run = await rig.PumpUntilTerminalAsync(RunIds.For("pr-delivery-4", GitHubPipelineRig.TestName), Ct);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("127.0.0.1", run.StatusReason, StringComparison.Ordinal);
    }
}
