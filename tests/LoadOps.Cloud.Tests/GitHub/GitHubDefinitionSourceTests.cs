using System.Security.Cryptography;
using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Tests.Stubs;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Tests.GitHub;

public sealed class GitHubDefinitionSourceTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static GitHubOptions AppOptions(GitHubStub stub, RSA key, long installationId = 0) => new()
    {
        BaseAddress = stub.Address, AppId = "424242", InstallationId = installationId, PrivateKeyPem = key.ExportRSAPrivateKeyPem(),
    };

    [Fact]
    public async Task Reads_through_the_installation_the_request_names()
    {
        await using var github = await GitHubStub.StartAsync();
        github.Files["loadtests/a.loadtest.yaml"] = "name: a\n";
        using var key = RSA.Create(2048);
        using var connections = new GitHubConnections(AppOptions(github, key), TimeProvider.System, GitHubFixture.Policy());
        IDefinitionSource source = new GitHubDefinitionSource(connections);

        var paths = await source.ForInstallation(5).ListAsync("octo/shop", "c0ffee", Token);
        var text = await source.ForInstallation(5).ReadAsync("octo/shop", "c0ffee", paths[0], Token);

        Assert.Equal(["loadtests/a.loadtest.yaml"], paths);
        Assert.Equal("name: a\n", text);
        Assert.Single(github.Server.Requests, r => r.Path == "/app/installations/5/access_tokens");
        Assert.All(github.Server.Requests.Where(r => r.Path.StartsWith("/repos/", StringComparison.Ordinal)),
            r => Assert.Equal("Bearer ghs_installation_token", r.Header("Authorization")));
    }

    [Fact]
    public async Task Without_any_installation_an_app_source_says_what_to_set()
    {
        await using var github = await GitHubStub.StartAsync();
        using var key = RSA.Create(2048);
        using var connections = new GitHubConnections(AppOptions(github, key), TimeProvider.System, GitHubFixture.Policy());

        var error = await Assert.ThrowsAsync<GitHubException>(() => new GitHubDefinitionSource(connections).ListAsync("octo/shop", "c0ffee", Token));

        Assert.Contains("InstallationId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_reads_as_null_and_an_empty_commit_reads_the_default_branch()
    {
        await using var github = await GitHubStub.StartAsync();
        using var key = RSA.Create(2048);
        using var connections = new GitHubConnections(AppOptions(github, key, installationId: 9), TimeProvider.System, GitHubFixture.Policy());
        var source = new GitHubDefinitionSource(connections);

        var policy = await source.ReadAsync("octo/shop", "", ".loadops/policy.yaml", Token);

        Assert.Null(policy);
        Assert.Contains(github.Server.Requests, r => r.Path == "/repos/octo/shop/contents/.loadops/policy.yaml" && r.Query.Contains("ref=HEAD", StringComparison.Ordinal));
        Assert.Single(github.Server.Requests, r => r.Path == "/app/installations/9/access_tokens");
    }

    [Fact]
    public async Task The_changed_definitions_of_a_pull_request_come_from_its_files()
    {
        await using var github = await GitHubStub.StartAsync();
        github.PullRequestFiles.AddRange(["loadtests/b.loadtest.yml", "src/app.cs"]);
        using var key = RSA.Create(2048);
        using var connections = new GitHubConnections(AppOptions(github, key, installationId: 9), TimeProvider.System, GitHubFixture.Policy());
        IDefinitionSource source = new GitHubDefinitionSource(connections);

        var changed = await source.ChangedInPullRequestAsync("octo/shop", 7, Token);

        Assert.Equal(["loadtests/b.loadtest.yml"], changed);
    }
}
