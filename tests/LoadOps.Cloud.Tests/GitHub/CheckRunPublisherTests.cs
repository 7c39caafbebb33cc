using System.Text.Json.Nodes;
using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Tests.Stubs;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Validation;

namespace LoadOps.Cloud.Tests.GitHub;

public sealed class CheckRunPublisherTests
{
    private static StubResponse CheckRun(int id = 901) => StubResponse.Json($$"""{"id":{{id}},"name":"x","status":"in_progress"}""", 201);

    private static List<DefinitionError> Problems(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new DefinitionError("./loadtests/checkout.loadtest.yaml", i, 3,
            i % 2 == 0 ? "LO004" : "LO010", $"problem {i}", i % 5 == 0 ? Severity.Warning : Severity.Error))];

    [Fact]
    public async Task Validation_sends_fifty_annotations_with_the_create_call_and_the_rest_in_updates_of_fifty()
    {
        await using var stub = await StubServer.StartAsync((_, _) => CheckRun());
        using var api = GitHubFixture.Api(stub);

        var id = await new CheckRunPublisher(api).PublishValidationAsync(GitHubFixture.Repo, "sha1", Problems(120), GitHubFixture.Token);

        Assert.Equal(901, id);
        var requests = stub.Requests.ToList();
        Assert.Equal(["POST /repos/octo/shop/check-runs", "PATCH /repos/octo/shop/check-runs/901", "PATCH /repos/octo/shop/check-runs/901"],
            requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.All(requests, GitHubFixture.AssertRestHeaders);
        var bodies = requests.Select(r => JsonNode.Parse(r.BodyText)!).ToList();
        Assert.Equal([50, 50, 20], bodies.Select(b => b["output"]!["annotations"]!.AsArray().Count));
        Assert.Equal("loadops/validate", bodies[0]["name"]!.GetValue<string>());
        Assert.Equal("sha1", bodies[0]["head_sha"]!.GetValue<string>());
        Assert.Equal("in_progress", bodies[0]["status"]!.GetValue<string>());
        Assert.Null(bodies[1]["conclusion"]);
        Assert.Equal("completed", bodies[2]["status"]!.GetValue<string>());
        Assert.Equal("failure", bodies[2]["conclusion"]!.GetValue<string>());

        var first = bodies[0]["output"]!["annotations"]![0]!;
        Assert.Equal("loadtests/checkout.loadtest.yaml", first["path"]!.GetValue<string>());
        Assert.Equal(1, first["start_line"]!.GetValue<int>());
        Assert.Equal(1, first["end_line"]!.GetValue<int>());
        Assert.Equal(3, first["start_column"]!.GetValue<int>());
        Assert.Equal(3, first["end_column"]!.GetValue<int>());
        Assert.Equal("failure", first["annotation_level"]!.GetValue<string>());
        Assert.Equal("LO010", first["title"]!.GetValue<string>());
        Assert.Equal("problem 1", first["message"]!.GetValue<string>());
        Assert.Equal("warning", bodies[0]["output"]!["annotations"]![4]!["annotation_level"]!.GetValue<string>());
        Assert.Equal("problem 101", bodies[2]["output"]!["annotations"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Valid_definitions_complete_the_check_in_one_call()
    {
        await using var stub = await StubServer.StartAsync((_, _) => CheckRun());
        using var api = GitHubFixture.Api(stub);

        await new CheckRunPublisher(api).PublishValidationAsync(GitHubFixture.Repo, "sha1", [], GitHubFixture.Token);

        var body = JsonNode.Parse(Assert.Single(stub.Requests).BodyText)!;
        Assert.Equal("completed", body["status"]!.GetValue<string>());
        Assert.Equal("success", body["conclusion"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failed_annotation_batch_says_how_far_it_got()
    {
        await using var stub = await StubServer.StartAsync((request, _) => request.Method == "PATCH"
            ? GitHubFixture.Error(422, "Validation Failed") : CheckRun());
        using var api = GitHubFixture.Api(stub);

        var error = await Assert.ThrowsAsync<GitHubException>(() =>
            new CheckRunPublisher(api).PublishValidationAsync(GitHubFixture.Repo, "sha1", Problems(70), GitHubFixture.Token));

        Assert.Equal(422, error.StatusCode);
        Assert.Contains("check run 901 (50 of 70 sent", error.Message, StringComparison.Ordinal);
        Assert.Contains("Validation Failed", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, stub.Requests.Count); // a 422 is not retried
    }

    [Theory]
    [InlineData(RunVerdict.Pass, "success")]
    [InlineData(RunVerdict.Improvement, "success")]
    [InlineData(RunVerdict.Fail, "failure")]
    [InlineData(RunVerdict.Regression, "failure")]
    [InlineData(RunVerdict.Inconclusive, "neutral")]
    public async Task A_test_check_starts_in_progress_and_completes_with_the_verdict_and_report(RunVerdict verdict, string conclusion)
    {
        await using var stub = await StubServer.StartAsync((_, _) => CheckRun(77));
        using var api = GitHubFixture.Api(stub);
        var checks = new CheckRunPublisher(api);

        var id = await checks.StartTestAsync(GitHubFixture.Repo, "sha2", "checkout", new Uri("https://example.test/runs/1"), GitHubFixture.Token);
        await checks.CompleteTestAsync(GitHubFixture.Repo, id, verdict, "p95 212 ms", "## checkout\nall good", GitHubFixture.Token);

        var requests = stub.Requests.ToList();
        var start = JsonNode.Parse(requests[0].BodyText)!;
        Assert.Equal("loadops/checkout", start["name"]!.GetValue<string>());
        Assert.Equal("in_progress", start["status"]!.GetValue<string>());
        Assert.Equal("https://example.test/runs/1", start["details_url"]!.GetValue<string>());
        Assert.Equal("PATCH /repos/octo/shop/check-runs/77", $"{requests[1].Method} {requests[1].Path}");
        var done = JsonNode.Parse(requests[1].BodyText)!;
        Assert.Equal("completed", done["status"]!.GetValue<string>());
        Assert.Equal(conclusion, done["conclusion"]!.GetValue<string>());
        Assert.Equal("## checkout\nall good", done["output"]!["summary"]!.GetValue<string>());
        Assert.Equal("p95 212 ms", done["output"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public void A_summary_over_githubs_cap_is_cut_with_a_note()
    {
        var report = new string('x', 70_000);

        var summary = CheckRunPublisher.Truncate(report);

        Assert.Equal(CheckRunPublisher.MaxSummaryBytes, System.Text.Encoding.UTF8.GetByteCount(summary));
        Assert.EndsWith("full report is in the PR comment and the run's report file.*", summary, StringComparison.Ordinal);
        Assert.Equal("short", CheckRunPublisher.Truncate("short"));
    }
}
