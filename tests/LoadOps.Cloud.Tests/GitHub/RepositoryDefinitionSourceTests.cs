using System.Text;
using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Tests.Stubs;

namespace LoadOps.Cloud.Tests.GitHub;

public sealed class RepositoryDefinitionSourceTests
{
    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Lists_definitions_in_the_recursive_tree_and_reads_them_at_the_commit()
    {
        const string tree = """
            {"sha":"c0ffee","truncated":false,"tree":[
              {"path":"loadtests","type":"tree","mode":"040000","sha":"1"},
              {"path":"loadtests/checkout.loadtest.yaml","type":"blob","mode":"100644","sha":"2"},
              {"path":"loadtests/search.loadtest.yml","type":"blob","mode":"100644","sha":"3"},
              {"path":"loadtests/readme.md","type":"blob","mode":"100644","sha":"4"},
              {"path":"src/app.loadtest.yaml.bak","type":"blob","mode":"100644","sha":"5"}]}
            """;
        var yaml = "name: checkout\n# ünïcode\n";
        await using var stub = await StubServer.StartAsync((request, _) => request.Path.Contains("/git/trees/", StringComparison.Ordinal)
            ? StubResponse.Json(tree)
            : StubResponse.Json($$"""{"type":"file","encoding":"base64","path":"x","name":"x","sha":"2","size":1,"content":"{{Base64(yaml)}}\n"}"""));
        using var api = GitHubFixture.Api(stub);
        var source = new RepositoryDefinitionSource(api);

        var paths = await source.ListAsync(GitHubFixture.Repo, "c0ffee", GitHubFixture.Token);
        var files = await source.ReadAllAsync(GitHubFixture.Repo, paths, "c0ffee", GitHubFixture.Token);

        Assert.Equal(["loadtests/checkout.loadtest.yaml", "loadtests/search.loadtest.yml"], paths);
        Assert.Equal(yaml, files[0].Content);
        var requests = stub.Requests.ToList();
        Assert.Equal("GET /repos/octo/shop/git/trees/c0ffee", $"{requests[0].Method} {requests[0].Path}");
        Assert.Contains("recursive=1", requests[0].Query, StringComparison.Ordinal);
        Assert.Equal("/repos/octo/shop/contents/loadtests/checkout.loadtest.yaml", requests[1].Path);
        Assert.Contains("ref=c0ffee", requests[1].Query, StringComparison.Ordinal);
        Assert.All(requests, GitHubFixture.AssertRestHeaders);
    }

    [Fact]
    public async Task A_pull_request_yields_only_its_added_or_changed_definitions_across_pages()
    {
        StubServer? server = null;
        await using var stub = server = await StubServer.StartAsync((request, _) => request.Query.Contains("page=2", StringComparison.Ordinal)
            ? StubResponse.Json("""[{"filename":"loadtests/new.loadtest.yml","status":"added","sha":"1"}]""")
            : new StubResponse(200, """
                [{"filename":"loadtests/checkout.loadtest.yaml","status":"modified","sha":"1"},
                 {"filename":"loadtests/old.loadtest.yaml","status":"removed","sha":"1"},
                 {"filename":"src/Program.cs","status":"modified","sha":"1"}]
                """, GitHubFixture.Headers(("Link", $"<{server!.Address}repos/octo/shop/pulls/9/files?per_page=100&page=2>; rel=\"next\""))));
        using var api = GitHubFixture.Api(stub);

        var paths = await new RepositoryDefinitionSource(api).ChangedInPullRequestAsync(GitHubFixture.Repo, 9, GitHubFixture.Token);

        Assert.Equal(["loadtests/checkout.loadtest.yaml", "loadtests/new.loadtest.yml"], paths);
        Assert.Equal(2, stub.Requests.Count);
        Assert.All(stub.Requests, r => Assert.Equal("/repos/octo/shop/pulls/9/files", r.Path));
    }

    [Fact]
    public async Task A_truncated_tree_fails_loudly()
    {
        await using var stub = await StubServer.StartAsync((_, _) => StubResponse.Json("""{"sha":"c","truncated":true,"tree":[]}"""));
        using var api = GitHubFixture.Api(stub);

        var error = await Assert.ThrowsAsync<GitHubException>(() => new RepositoryDefinitionSource(api).ListAsync(GitHubFixture.Repo, "c", GitHubFixture.Token));

        Assert.Contains("truncated the tree", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_a_404_with_githubs_message_and_no_retry()
    {
        await using var stub = await StubServer.StartAsync((_, _) => GitHubFixture.Error(404, "Not Found"));
        using var api = GitHubFixture.Api(stub);

        var error = await Assert.ThrowsAsync<GitHubException>(() =>
            new RepositoryDefinitionSource(api).ReadAsync(GitHubFixture.Repo, "loadtests/gone.loadtest.yaml", "abc", GitHubFixture.Token));

        Assert.Equal("GitHub read loadtests/gone.loadtest.yaml at abc failed (404): Not Found", error.Message);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task A_malformed_json_answer_is_a_clear_error()
    {
        await using var stub = await StubServer.StartAsync((_, _) => StubResponse.Json("{\"sha\": [oops"));
        using var api = GitHubFixture.Api(stub);

        var error = await Assert.ThrowsAsync<GitHubException>(() => new RepositoryDefinitionSource(api).ListAsync(GitHubFixture.Repo, "c", GitHubFixture.Token));

        Assert.Contains("read tree c failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("could not be read", error.Message, StringComparison.Ordinal);
    }
}
