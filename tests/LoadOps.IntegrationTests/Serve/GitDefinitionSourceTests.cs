using LoadOps.Cli.Serve;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Serve;

/// <summary>With <c>--watch-repo</c>, definitions are read as committed at the run's commit, never from the working tree.</summary>
public sealed class GitDefinitionSourceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lists_and_reads_definitions_as_they_were_at_each_commit_not_the_working_tree()
    {
        using var repo = new TempGitRepository();
        var first = repo.Commit("first", ("loadtests/a.loadtest.yaml", "name: a-v1\n"), ("README.md", "readme\n"));
        var second = repo.Commit("second", ("loadtests/a.loadtest.yaml", "name: a-v2\n"), ("loadtests/deep/b.loadtest.yml", "name: b\n"), ("loadtests/notes.txt", "x"));
        await File.WriteAllTextAsync(Path.Combine(repo.Root, "loadtests", "a.loadtest.yaml"), "name: uncommitted\n", Ct);
        var source = new GitDefinitionSource(await GitClient.OpenAsync(repo.Root, Ct));

        Assert.Equal(["loadtests/a.loadtest.yaml"], await source.ListAsync("local", first, Ct));
        Assert.Equal(["loadtests/a.loadtest.yaml", "loadtests/deep/b.loadtest.yml"], await source.ListAsync("local", second, Ct));
        Assert.Equal("name: a-v1\n", await source.ReadAsync("local", first, "loadtests/a.loadtest.yaml", Ct));
        Assert.Equal("name: a-v2\n", await source.ReadAsync("local", second, "loadtests/a.loadtest.yaml", Ct));
        Assert.Equal("name: a-v2\n", await source.ReadAsync("local", null, "loadtests/a.loadtest.yaml", Ct));
        Assert.Null(await source.ReadAsync("local", first, "loadtests/deep/b.loadtest.yml", Ct));
        Assert.Null(await source.ReadAsync("local", first, ".loadops/policy.yaml", Ct));
    }

    [Fact]
    public async Task Regression_a_huge_committed_definition_is_refused_with_lo001_without_being_read_whole()
    {
        using var repo = new TempGitRepository();
        var commit = repo.Commit("huge", ("loadtests/huge.loadtest.yaml", "name: huge\n" + new string('#', 3 * 1024 * 1024)));
        var source = new GitDefinitionSource(await GitClient.OpenAsync(repo.Root, Ct));

        var text = await source.ReadAsync("local", commit, "loadtests/huge.loadtest.yaml", Ct);

        Assert.Equal(Core.Validation.DefinitionValidator.MaxFileBytes + 1, text!.Length);
        var validation = Core.Validation.DefinitionValidator.Validate("loadtests/huge.loadtest.yaml", text, Core.Policy.LoadPolicy.Default);
        Assert.Equal(Core.Validation.ValidationCodes.FileTooLarge, Assert.Single(validation.Errors).Code);
    }

    [Fact]
    public async Task Regression_git_output_is_read_up_to_its_bound_and_git_is_stopped_there()
    {
        using var repo = new TempGitRepository();
        var commit = repo.Commit("huge", ("loadtests/huge.loadtest.yaml", new string('#', 3 * 1024 * 1024)));
        var git = await GitClient.OpenAsync(repo.Root, Ct);

        var bounded = await git.RunAsync(["cat-file", "blob", $"{commit}:loadtests/huge.loadtest.yaml"], 4096, Ct);
        var whole = await git.RunAsync(["cat-file", "-s", $"{commit}:loadtests/huge.loadtest.yaml"], 4096, Ct);

        Assert.True(bounded.Truncated);
        Assert.Equal(4096, bounded.Output.Length);
        Assert.False(whole.Truncated);
        Assert.Equal((3 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), whole.Output.Trim());
    }

    [Fact]
    public async Task The_definition_loader_hashes_the_committed_text()
    {
        using var repo = new TempGitRepository();
        var commit = repo.Commit("first", ("loadtests/a.loadtest.yaml", "version: 1\nname: a\n"));
        await File.WriteAllTextAsync(Path.Combine(repo.Root, "loadtests", "a.loadtest.yaml"), "version: 1\nname: changed\n", Ct);

        var loaded = Assert.Single(await new DefinitionLoader(new GitDefinitionSource(await GitClient.OpenAsync(repo.Root, Ct))).LoadAllAsync("local", commit, Ct));

        Assert.Equal("version: 1\nname: a\n", loaded.Text);
        Assert.Equal("a", loaded.Name);
    }

    [Fact]
    public async Task A_repository_without_commits_has_no_definitions_at_its_head()
    {
        using var repo = new TempGitRepository();
        var source = new GitDefinitionSource(await GitClient.OpenAsync(repo.Root, Ct));

        Assert.Empty(await source.ListAsync("local", null, Ct));
        Assert.Null(await source.ReadAsync("local", null, ".loadops/policy.yaml", Ct));
    }

    [Fact]
    public async Task An_unknown_commit_or_a_commit_that_is_not_hex_is_a_clear_error()
    {
        using var repo = new TempGitRepository();
        repo.Commit("first", ("loadtests/a.loadtest.yaml", "name: a\n"));
        var source = new GitDefinitionSource(await GitClient.OpenAsync(repo.Root, Ct));

        var unknown = await Assert.ThrowsAsync<GitException>(() => source.ListAsync("local", new string('0', 40), Ct));
        var option = await Assert.ThrowsAsync<GitException>(() => source.ReadAsync("local", "--output=x", "loadtests/a.loadtest.yaml", Ct));

        Assert.Contains("is not in", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("not a commit id", option.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_that_is_not_a_git_repository_or_does_not_exist_is_refused_with_a_fix()
    {
        var folder = Path.Combine(Path.GetTempPath(), "loadops-nogit-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var notGit = await Assert.ThrowsAsync<GitException>(() => GitClient.OpenAsync(folder, Ct));
            var missing = await Assert.ThrowsAsync<GitException>(() => GitClient.OpenAsync(Path.Combine(folder, "nope"), Ct));

            Assert.Contains("is not a git repository", notGit.Message, StringComparison.Ordinal);
            Assert.Contains("git init", notGit.Message, StringComparison.Ordinal);
            Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("loadtests/a.loadtest.yaml", true)]
    [InlineData("loadtests/x/y/b.loadtest.YML", true)]
    [InlineData(".loadops/policy.yaml", true)]
    [InlineData("loadtests/readme.md", false)]
    [InlineData("other/a.loadtest.yaml", false)]
    [InlineData("src/app.cs", false)]
    public void Only_definitions_and_the_policy_are_watched(string path, bool watched) =>
        Assert.Equal(watched, RepositoryWatcher.IsWatched(path));
}
