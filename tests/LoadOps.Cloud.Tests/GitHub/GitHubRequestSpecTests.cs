using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Tests.Stubs;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Validation;
using LoadOps.Pipeline;
using static LoadOps.Cloud.Tests.Publish.PublishFixture;

namespace LoadOps.Cloud.Tests.GitHub;

/// <summary>
/// Every request LoadOps sends GitHub, checked against GitHub's own OpenAPI description (npm @octokit/openapi; .ci/run
/// installs it into a temporary folder and sets LOADOPS_GITHUB_OPENAPI). The stub only answers; the description judges.
/// </summary>
public sealed class GitHubRequestSpecTests
{
    private static GitHubOpenApi Spec()
    {
        var spec = GitHubOpenApi.Load();
        Assert.SkipWhen(spec is null, $"GitHub's OpenAPI description is absent ({GitHubOpenApi.Where}): npm install @octokit/openapi into a temporary folder and point {GitHubOpenApi.Variable} at generated/api.github.com.json.");
        return spec!;
    }

    private static RunRequest Request() => new()
    {
        RequestId = "delivery-1", Trigger = RunTrigger.PullRequest, Repository = "octo/shop", Commit = Sha, Branch = "faster-cart",
        PullRequest = 7, InstallationId = 5,
    };

    private static List<DefinitionError> Problems(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new DefinitionError("loadtests/checkout.loadtest.yaml", i, 3, "LO004", $"problem {i}", Severity.Error))];

    [Fact]
    public async Task Publishing_and_reading_definitions_send_only_what_githubs_description_allows()
    {
        var spec = Spec();
        await using var github = await GitHubStub.StartAsync();
        github.Files["loadtests/checkout.loadtest.yaml"] = "name: checkout\n";
        github.PullRequestFiles.Add("loadtests/checkout.loadtest.yaml");
        using var connections = Connections(github.Server);
        var publisher = Publisher(connections, statuses: true);
        IDefinitionSource source = new GitHubDefinitionSource(connections);

        await publisher.ValidationFailedAsync(Request(), Problems(120), Token);
        await publisher.DispatchedAsync(Run(), Token);
        await publisher.ReportedAsync(Report(RunVerdict.Regression, string.Concat(Enumerable.Repeat("| ❌ | checkout | p95 312 ms |\n", 4_000))), Token);
        await publisher.FailedAsync(Run(), Token);
        var paths = await source.ListAsync("octo/shop", Sha, Token);
        await source.ReadAsync("octo/shop", Sha, paths[0], Token);
        await source.ChangedInPullRequestAsync("octo/shop", 7, Token);

        var requests = github.Server.Requests.ToList();
        Assert.Contains(requests, r => r.Method == "POST" && r.Path.EndsWith("/check-runs", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.Method == "PATCH" && r.Path.Contains("/check-runs/", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.Path.Contains("/issues/7/comments", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.Path.Contains("/statuses/", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.Path.Contains("/access_tokens", StringComparison.Ordinal));
        Assert.All(requests, r => Assert.Empty(spec.Check(r.Method, r.Path, r.Query, r.BodyText)));
    }

    [Fact]
    public void The_description_check_finds_what_github_would_refuse()
    {
        var spec = Spec();

        var problems = spec.Check("POST", "/repos/octo/shop/check-runs", "?color=red",
            """{"name":"x","head_sha":"1","status":"done","output":{"title":"t","summary":"s","annotations":[{"path":"a","start_line":1,"end_line":1,"annotation_level":"fatal","message":"m"}]},"colour":1}""");

        Assert.Contains(problems, p => p.Contains("'color' is not declared", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("status = 'done'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("annotation_level = 'fatal'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("colour is not declared", StringComparison.Ordinal));
        Assert.Contains("body.head_sha is required", spec.Check("POST", "/repos/octo/shop/check-runs", "", """{"name":"x"}""")[0], StringComparison.Ordinal);
        Assert.Contains("no operation", spec.Check("POST", "/repos/octo/shop/check-run", "", "{}")[0], StringComparison.Ordinal);
    }
}
