using LoadOps.Cloud.GitHub;

namespace LoadOps.Cloud.Tests.GitHub;

/// <summary>
/// Read-only calls against real GitHub, only when LOADOPS_LIVE_GITHUB_TOKEN and LOADOPS_LIVE_GITHUB_REPO (owner/name)
/// are set; LOADOPS_LIVE_GITHUB_REF picks the commit or branch (default HEAD). The token is never printed.
/// </summary>
public sealed class GitHubLiveTests
{
    [Fact]
    public async Task Lists_and_reads_definitions_of_a_real_repository()
    {
        var token = Environment.GetEnvironmentVariable("LOADOPS_LIVE_GITHUB_TOKEN");
        var repoName = Environment.GetEnvironmentVariable("LOADOPS_LIVE_GITHUB_REPO");
        Assert.SkipWhen(string.IsNullOrWhiteSpace(token) || string.IsNullOrWhiteSpace(repoName),
            "live GitHub test: set LOADOPS_LIVE_GITHUB_TOKEN and LOADOPS_LIVE_GITHUB_REPO (owner/name) to run it");
        var reference = Environment.GetEnvironmentVariable("LOADOPS_LIVE_GITHUB_REF") is { Length: > 0 } r ? r : "HEAD";
        using var api = GitHubApi.Create(new GitHubOptions { Token = token }, TimeProvider.System);
        var source = new RepositoryDefinitionSource(api);
        var repo = RepositoryRef.Parse(repoName!);

        var paths = await source.ListAsync(repo, reference, TestContext.Current.CancellationToken);
        TestContext.Current.SendDiagnosticMessage($"{repo}@{reference}: {paths.Count} definition(s)");

        Assert.All(paths, p => Assert.True(RepositoryDefinitionSource.IsDefinition(p)));
        if (paths.Count > 0)
        {
            var file = await source.ReadAsync(repo, paths[0], reference, TestContext.Current.CancellationToken);
            Assert.False(string.IsNullOrWhiteSpace(file.Content));
        }
    }
}
