using System.Text.Json;
using System.Text.RegularExpressions;
using LoadOps.Cli.Run;

namespace LoadOps.Cli.Gate;

/// <summary>
/// The repository, commit, branch and pull request a gate is about, when not given as options: from the GitHub
/// Actions environment (for a pull request, its head commit and branch, which are what the webhook's runs record,
/// not the merge commit in GITHUB_SHA), else from the git checkout in the current folder.
/// </summary>
internal static partial class GateContext
{
    public sealed record Resolved(string? Repository, string? Commit, string? Branch, int? PullRequest);

    [GeneratedRegex(@"[:/](?<repo>[A-Za-z0-9._-]+/[A-Za-z0-9._-]+?)(?:\.git)?/?$")]
    private static partial Regex RemoteRepository();

    [GeneratedRegex(@"^refs/pull/(?<n>\d+)/")]
    private static partial Regex PullRef();

    public static async Task<Resolved> ResolveAsync(
        string? repository, string? commit, string? branch, Func<string, string?> environment, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? Env(string name) => environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var (headSha, headRef, number) = ReadPullRequestEvent(Env("GITHUB_EVENT_NAME"), Env("GITHUB_EVENT_PATH"));
        number ??= Env("GITHUB_REF") is { } reference && PullRef().Match(reference) is { Success: true } match ? int.Parse(match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        repository ??= Env("GITHUB_REPOSITORY");
        commit ??= headSha ?? Env("GITHUB_SHA");
        branch ??= headRef ?? Env("GITHUB_HEAD_REF") ?? Env("GITHUB_REF_NAME");

        if (repository is null || commit is null || branch is null)
        {
            var (gitCommit, gitBranch) = await GitInfo.ReadAsync(folder, cancellationToken);
            commit ??= gitCommit;
            branch ??= gitBranch;
            if (repository is null && await GitInfo.OriginAsync(folder, cancellationToken) is { } origin && RemoteRepository().Match(origin) is { Success: true } remote)
                repository = remote.Groups["repo"].Value;
        }
        return new Resolved(repository, commit, branch, number);
    }

    /// <summary>The head commit, head branch and number of the pull request in the event file, when the event is one.</summary>
    private static (string? Sha, string? Ref, int? Number) ReadPullRequestEvent(string? eventName, string? eventPath)
    {
        if (eventName is null || !eventName.StartsWith("pull_request", StringComparison.Ordinal) || eventPath is null || !File.Exists(eventPath))
            return (null, null, null);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(eventPath));
            if (!document.RootElement.TryGetProperty("pull_request", out var pull) || pull.ValueKind != JsonValueKind.Object)
                return (null, null, null);
            var head = pull.TryGetProperty("head", out var h) && h.ValueKind == JsonValueKind.Object ? h : default;
            return (
                head.ValueKind == JsonValueKind.Object && head.TryGetProperty("sha", out var sha) ? sha.GetString() : null,
                head.ValueKind == JsonValueKind.Object && head.TryGetProperty("ref", out var r) ? r.GetString() : null,
                pull.TryGetProperty("number", out var n) && n.TryGetInt32(out var number) ? number : null);
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException)
        {
            // An unreadable event file only loses the defaults it would have given; GITHUB_SHA and git remain.
            return (null, null, null);
        }
    }
}
