using System.Text.Json.Nodes;
using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Tests.Stubs;

namespace LoadOps.Cloud.Tests.GitHub;

public sealed class StickyCommentPublisherTests
{
    private const string Marker = "<!-- loadops:comment test=checkout -->";

    [Fact]
    public async Task The_comment_with_the_marker_is_found_on_a_later_page_and_edited()
    {
        StubServer? server = null;
        await using var stub = server = await StubServer.StartAsync((request, _) =>
        {
            if (request.Method == "PATCH")
                return StubResponse.Json("""{"id":502,"body":"x"}""");
            if (request.Query.Contains("page=2", StringComparison.Ordinal))
                return StubResponse.Json($$"""[{"id":501,"body":"<!-- loadops:comment test=search -->"},{"id":502,"body":"{{Marker}}\nold"}]""");
            var next = $"{server!.Address}repos/octo/shop/issues/7/comments?per_page=100&page=2";
            return new StubResponse(200, """[{"id":500,"body":"looks good"}]""", GitHubFixture.Headers(("Link", $"<{next}>; rel=\"next\", <{next}>; rel=\"last\"")));
        });
        using var api = GitHubFixture.Api(stub);

        var (id, created) = await new StickyCommentPublisher(api).UpsertAsync(GitHubFixture.Repo, 7, "checkout", $"{Marker}\n## new report", GitHubFixture.Token);

        Assert.Equal(502, id);
        Assert.False(created);
        var requests = stub.Requests.ToList();
        Assert.Equal(["GET /repos/octo/shop/issues/7/comments", "GET /repos/octo/shop/issues/7/comments", "PATCH /repos/octo/shop/issues/comments/502"],
            requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.Contains("per_page=100", requests[0].Query, StringComparison.Ordinal);
        Assert.All(requests, GitHubFixture.AssertRestHeaders);
        Assert.Equal($"{Marker}\n## new report", JsonNode.Parse(requests[2].BodyText)!["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_marked_comment_a_new_one_is_posted_with_the_marker()
    {
        await using var stub = await StubServer.StartAsync((request, _) => request.Method == "POST"
            ? StubResponse.Json("""{"id":600,"body":"x"}""", 201)
            : StubResponse.Json("""[{"id":1,"body":"<!-- loadops:comment test=checkout-v2 -->"}]"""));
        using var api = GitHubFixture.Api(stub);

        var (id, created) = await new StickyCommentPublisher(api).UpsertAsync(GitHubFixture.Repo, 7, "checkout", "## report without marker", GitHubFixture.Token);

        Assert.Equal(600, id);
        Assert.True(created);
        var post = stub.Requests.Last();
        Assert.Equal("POST /repos/octo/shop/issues/7/comments", $"{post.Method} {post.Path}");
        Assert.Equal($"{Marker}\n## report without marker", JsonNode.Parse(post.BodyText)!["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failed_listing_posts_nothing()
    {
        await using var stub = await StubServer.StartAsync((_, _) => GitHubFixture.Error(404, "Not Found"));
        using var api = GitHubFixture.Api(stub);

        var error = await Assert.ThrowsAsync<GitHubException>(() =>
            new StickyCommentPublisher(api).UpsertAsync(GitHubFixture.Repo, 7, "checkout", "x", GitHubFixture.Token));

        Assert.Equal(404, error.StatusCode);
        Assert.StartsWith("GitHub list comments of #7 failed (404): ", error.Message, StringComparison.Ordinal);
        Assert.Contains("not found", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(stub.Requests, r => r.Method != "GET");
    }
}
