using System.Text.Json.Nodes;
using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Tests.Stubs;
using LoadOps.Core.Evaluation;
using Octokit;

namespace LoadOps.Cloud.Tests.GitHub;

public sealed class CommitStatusPublisherTests
{
    [Theory]
    [InlineData(RunVerdict.Pass, "success")]
    [InlineData(RunVerdict.Regression, "failure")]
    [InlineData(RunVerdict.Inconclusive, "error")]
    public async Task Posts_the_state_context_and_a_description_of_at_most_140_characters(RunVerdict verdict, string state)
    {
        await using var stub = await StubServer.StartAsync((_, _) => StubResponse.Json("""{"id":1}""", 201));
        using var api = GitHubFixture.Api(stub);

        await new CommitStatusPublisher(api).SetAsync(GitHubFixture.Repo, "0123abc", "checkout", CommitStatusPublisher.StateFor(verdict),
            new string('d', 300), new Uri("https://example.test/r/1"), GitHubFixture.Token);

        var request = Assert.Single(stub.Requests);
        Assert.Equal("POST /repos/octo/shop/statuses/0123abc", $"{request.Method} {request.Path}");
        GitHubFixture.AssertRestHeaders(request);
        var body = JsonNode.Parse(request.BodyText)!;
        Assert.Equal(state, body["state"]!.GetValue<string>());
        Assert.Equal("loadops/checkout", body["context"]!.GetValue<string>());
        Assert.Equal(140, body["description"]!.GetValue<string>().Length);
        Assert.Equal("https://example.test/r/1", body["target_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pending_is_sent_as_pending()
    {
        await using var stub = await StubServer.StartAsync((_, _) => StubResponse.Json("""{"id":1}""", 201));
        using var api = GitHubFixture.Api(stub);

        await new CommitStatusPublisher(api).SetAsync(GitHubFixture.Repo, "s", "t", CommitState.Pending, "running", null, GitHubFixture.Token);

        Assert.Equal("pending", JsonNode.Parse(Assert.Single(stub.Requests).BodyText)!["state"]!.GetValue<string>());
    }
}
