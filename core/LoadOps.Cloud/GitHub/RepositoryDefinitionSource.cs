using Octokit;

namespace LoadOps.Cloud.GitHub;

/// <summary>
/// Reads <c>*.loadtest.yaml</c> / <c>*.loadtest.yml</c> at a commit: every one (git tree, recursive) or, for a pull
/// request, only those the PR adds or changes (pull request files, all pages).
/// </summary>
public sealed class RepositoryDefinitionSource(GitHubApi api)
{
    public static bool IsDefinition(string path) =>
        path.EndsWith(".loadtest.yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".loadtest.yml", StringComparison.OrdinalIgnoreCase);

    public async Task<IReadOnlyList<string>> ListAsync(RepositoryRef repo, string sha, CancellationToken cancellationToken)
    {
        var tree = await api.CallAsync($"read tree {sha}",
            c => c.Get<TreeResponse>(repo.Uri($"git/trees/{Uri.EscapeDataString(sha)}"), new Dictionary<string, string> { ["recursive"] = "1" }),
            cancellationToken);
        if (tree.Truncated)
            throw new GitHubException($"read tree {sha}", 200, "GitHub truncated the tree (too many files); LoadOps cannot list every definition of this repository.");
        return [.. tree.Tree.Where(item => item.Type.StringValue == "blob" && IsDefinition(item.Path)).Select(item => item.Path).Order(StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<string>> ChangedInPullRequestAsync(RepositoryRef repo, int pullRequest, CancellationToken cancellationToken)
    {
        var files = await api.CallAsync($"list files of #{pullRequest}",
            c => c.GetAll<PullRequestFile>(repo.Uri($"pulls/{pullRequest}/files"), new Dictionary<string, string> { ["per_page"] = "100" }),
            cancellationToken);
        return [.. files.Where(f => f.Status != "removed" && IsDefinition(f.FileName)).Select(f => f.FileName).Order(StringComparer.Ordinal)];
    }

    public async Task<DefinitionFile> ReadAsync(RepositoryRef repo, string path, string sha, CancellationToken cancellationToken)
    {
        var escaped = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        var content = await api.CallAsync($"read {path} at {sha}",
            c => c.Get<RepositoryContent>(repo.Uri($"contents/{escaped}"), new Dictionary<string, string> { ["ref"] = sha }),
            cancellationToken);
        if (content.Encoding != "base64" || content.EncodedContent is null)
            throw new GitHubException($"read {path} at {sha}", 200, $"expected base64 file content, got encoding '{content.Encoding}' (is it a folder or a file over 1 MB?)");
        return new DefinitionFile(path, content.Content);
    }

    public async Task<IReadOnlyList<DefinitionFile>> ReadAllAsync(RepositoryRef repo, IReadOnlyList<string> paths, string sha, CancellationToken cancellationToken)
    {
        var files = new List<DefinitionFile>(paths.Count);
        foreach (var path in paths)
            files.Add(await ReadAsync(repo, path, sha, cancellationToken));
        return files;
    }
}
