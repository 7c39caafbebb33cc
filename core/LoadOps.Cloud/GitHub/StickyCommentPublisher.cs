using Octokit;

namespace LoadOps.Cloud.GitHub;

/// <summary>
/// One comment per test per pull request: finds the comment carrying the test's hidden marker
/// (<c>&lt;!-- loadops:comment test=NAME --&gt;</c>, rendered by the Markdown report) across all pages and edits it,
/// or posts a new one when there is none.
/// </summary>
public sealed class StickyCommentPublisher(GitHubApi api)
{
    /// <summary>GitHub's limit on a comment body, in UTF-8 bytes.</summary>
    public const int MaxBodyBytes = 65_536;

    private const string CutNote = "\n\n---\n*Comment truncated: GitHub allows 65,536 bytes. The full report is in the run's report file.*";

    public static string Marker(string test) => $"<!-- loadops:comment test={test} -->";

    /// <summary>The body to post: within GitHub's byte limit, and carrying the marker even when a template left it out or the cut would drop it.</summary>
    public static string Body(string test, string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var marker = Marker(test);
        var body = Utf8Limit.Cut(markdown.Contains(marker, StringComparison.Ordinal) ? markdown : $"{marker}\n{markdown}", MaxBodyBytes, CutNote);
        return body.Contains(marker, StringComparison.Ordinal)
            ? body
            : $"{marker}\n{Utf8Limit.Cut(markdown, MaxBodyBytes - Utf8Limit.ByteCount(marker + "\n"), CutNote)}";
    }

    /// <summary>Returns the comment id and whether it was created (false: an existing one was edited).</summary>
    public async Task<(long Id, bool Created)> UpsertAsync(RepositoryRef repo, int pullRequest, string test, string markdown, CancellationToken cancellationToken)
    {
        var marker = Marker(test);
        var body = Body(test, markdown);
        var comments = await api.CallAsync($"list comments of #{pullRequest}",
            c => c.GetAll<IssueComment>(repo.Uri($"issues/{pullRequest}/comments"), new Dictionary<string, string> { ["per_page"] = "100" }),
            cancellationToken);
        var existing = comments.FirstOrDefault(c => c.Body?.Contains(marker, StringComparison.Ordinal) == true);
        var payload = new Dictionary<string, string> { ["body"] = body };
        if (existing is not null)
        {
            await api.CallAsync($"edit comment {existing.Id}",
                c => c.Patch<IssueComment>(repo.Uri($"issues/comments/{existing.Id}"), payload), cancellationToken);
            return (existing.Id, false);
        }
        var created = await api.CallAsync($"comment on #{pullRequest}",
            c => c.Post<IssueComment>(repo.Uri($"issues/{pullRequest}/comments"), payload, cancellationToken), cancellationToken);
        return (created.Id, true);
    }
}
