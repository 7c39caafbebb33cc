using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Tests.Stubs;
using LoadOps.Core.Webhooks;

namespace LoadOps.Cloud.Tests.GitHub;

public sealed class GitHubRepositoryAccessTests
{
    private const string PullRequest = """
        {"url":"https://api.github.com/repos/octo/shop/pulls/42","id":1,"number":42,"state":"open","title":"Cache",
         "user":{"login":"stranger","id":2},
         "head":{"label":"stranger:cache","ref":"cache","sha":"6dcb09b5b57875f334f61aebed695e2e4193db5e",
                 "user":{"login":"stranger","id":2},"repo":{"id":9,"name":"shop","full_name":"stranger/shop","owner":{"login":"stranger","id":2}}},
         "base":{"label":"octo:main","ref":"main","sha":"9049f1265b7d61be4a8904a9a27120d2064dab3b",
                 "user":{"login":"octo","id":3},"repo":{"id":8,"name":"shop","full_name":"octo/shop","owner":{"login":"octo","id":3}}}}
        """;

    [Theory]
    [InlineData("""{"permission":"admin","role_name":"admin","user":{"login":"mia"}}""", RepositoryPermission.Admin)]
    [InlineData("""{"permission":"write","role_name":"maintain","user":{"login":"mia"}}""", RepositoryPermission.Maintain)]
    [InlineData("""{"permission":"write","role_name":"write","user":{"login":"mia"}}""", RepositoryPermission.Write)]
    [InlineData("""{"permission":"read","role_name":"triage","user":{"login":"mia"}}""", RepositoryPermission.Triage)]
    [InlineData("""{"permission":"read","role_name":"read","user":{"login":"mia"}}""", RepositoryPermission.Read)]
    [InlineData("""{"permission":"write","role_name":"release-manager","user":{"login":"mia"}}""", RepositoryPermission.Write)]
    [InlineData("""{"permission":"none","user":{"login":"mia"}}""", RepositoryPermission.None)]
    public async Task Reads_the_collaborator_permission(string answer, RepositoryPermission expected)
    {
        await using var stub = await StubServer.StartAsync((_, _) => StubResponse.Json(answer));
        using var api = GitHubFixture.Api(stub);

        var permission = await new GitHubRepositoryAccess(api).PermissionAsync("octo/shop", "mia", GitHubFixture.Token);

        Assert.Equal(expected, permission);
        var request = Assert.Single(stub.Requests);
        Assert.Equal("GET /repos/octo/shop/collaborators/mia/permission", $"{request.Method} {request.Path}");
        GitHubFixture.AssertRestHeaders(request);
    }

    [Fact]
    public async Task A_user_who_is_not_a_collaborator_has_no_permission()
    {
        await using var stub = await StubServer.StartAsync((_, _) => GitHubFixture.Error(404, "is not a user"));
        using var api = GitHubFixture.Api(stub);

        Assert.Equal(RepositoryPermission.None, await new GitHubRepositoryAccess(api).PermissionAsync("octo/shop", "someone[bot]", GitHubFixture.Token));
        Assert.Equal("/repos/octo/shop/collaborators/someone[bot]/permission", Assert.Single(stub.Requests).Path);
    }

    [Fact]
    public async Task A_server_error_is_a_GitHubException_not_a_permission()
    {
        await using var stub = await StubServer.StartAsync((_, _) => GitHubFixture.Error(500, "boom"));
        using var api = GitHubFixture.Api(stub, maxAttempts: 1);

        await Assert.ThrowsAsync<GitHubException>(() => new GitHubRepositoryAccess(api).PermissionAsync("octo/shop", "mia", GitHubFixture.Token));
    }

    [Fact]
    public async Task Reads_the_head_of_a_pull_request_from_a_fork()
    {
        await using var stub = await StubServer.StartAsync((_, _) => StubResponse.Json(PullRequest));
        using var api = GitHubFixture.Api(stub);

        var head = await new GitHubRepositoryAccess(api).PullRequestAsync("octo/shop", 42, GitHubFixture.Token);

        Assert.Equal(new PullRequestHead("6dcb09b5b57875f334f61aebed695e2e4193db5e", "cache", "main", FromFork: true, IsOpen: true), head);
        Assert.Equal("GET /repos/octo/shop/pulls/42", $"{Assert.Single(stub.Requests).Method} {stub.Requests.Single().Path}");
    }

    [Fact]
    public async Task A_missing_pull_request_is_null()
    {
        await using var stub = await StubServer.StartAsync((_, _) => GitHubFixture.Error(404, "Not Found"));
        using var api = GitHubFixture.Api(stub);

        Assert.Null(await new GitHubRepositoryAccess(api).PullRequestAsync("octo/shop", 9, GitHubFixture.Token));
    }

    [Fact]
    public async Task An_answer_is_a_new_comment_on_the_pull_request_within_githubs_byte_limit()
    {
        await using var stub = await StubServer.StartAsync((_, _) => StubResponse.Json("""{"id":5,"body":"ok"}""", 201));
        using var api = GitHubFixture.Api(stub);
        var answer = "**LoadOps** accepted nothing:\n" + new string('❌', 30_000);

        await new GitHubRepositoryAccess(api).AnswerAsync("octo/shop", 42, answer, GitHubFixture.Token);

        var request = Assert.Single(stub.Requests);
        Assert.Equal("POST /repos/octo/shop/issues/42/comments", $"{request.Method} {request.Path}");
        var body = System.Text.Json.Nodes.JsonNode.Parse(request.BodyText)!["body"]!.GetValue<string>();
        Assert.StartsWith("**LoadOps** accepted nothing:", body, StringComparison.Ordinal);
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(body), 60_000, StickyCommentPublisher.MaxBodyBytes);
        GitHubFixture.AssertRestHeaders(request);
    }
}

