using System.Text.Json;
using System.Text.RegularExpressions;

namespace LoadOps.Cloud.Api;

/// <summary>
/// The body of <c>POST /api/runs</c>: <c>{repository, commit, branch, test?, pullRequest?}</c>. Read field by field
/// so that a bad value gets a message naming the field and what it must look like.
/// </summary>
public sealed partial record StartRunBody(string Repository, string Commit, string Branch, string? Test, int? PullRequest)
{
    [GeneratedRegex("^[0-9a-fA-F]{7,64}$")]
    private static partial Regex CommitShape();

    [GeneratedRegex("^[a-z0-9-]{1,63}$")]
    private static partial Regex TestShape();

    public static bool TryParse(string? body, out StartRunBody? parsed, out string problem)
    {
        parsed = null;
        problem = "";
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "null" : body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            problem = "The body is not valid JSON; send {\"repository\":\"owner/name\",\"commit\":\"SHA\",\"branch\":\"NAME\",\"test\":\"NAME\"}.";
            return false;
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = "The body must be a JSON object: {\"repository\":\"owner/name\",\"commit\":\"SHA\",\"branch\":\"NAME\"}.";
            return false;
        }

        var repository = Text(root, "repository");
        var commit = Text(root, "commit");
        var branch = Text(root, "branch");
        var test = Text(root, "test");
        problem =
            !Core.Webhooks.RunRequestRules.IsRepository(repository) ? "repository is required and must be a GitHub 'owner/name' (no '..', no path)." :
            commit is null || !CommitShape().IsMatch(commit) ? "commit is required and must be a commit SHA (7 to 64 hex digits)." :
            !Core.Webhooks.RunRequestRules.IsBranch(branch) ? "branch is required (the branch name, up to 255 characters)." :
            test is not null && !TestShape().IsMatch(test) ? "test must be a definition's name ([a-z0-9-], 1 to 63 characters), not a path." :
            "";
        if (problem.Length > 0)
            return false;
        if (!TryPullRequest(root, out var pullRequest))
        {
            problem = "pullRequest must be a positive whole number.";
            return false;
        }
        parsed = new StartRunBody(repository!, commit!.ToLowerInvariant(), branch!, test, pullRequest);
        return true;
    }

    private static string? Text(JsonElement root, string name) =>
        Property(root, name) is { ValueKind: JsonValueKind.String } value && value.GetString()!.Trim() is { Length: > 0 } text ? text : null;

    private static bool TryPullRequest(JsonElement root, out int? pullRequest)
    {
        pullRequest = null;
        switch (Property(root, "pullRequest"))
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return true;
            case { ValueKind: JsonValueKind.Number } number when number.TryGetInt32(out var n) && n > 0:
                pullRequest = n;
                return true;
            default:
                return false;
        }
    }

    private static JsonElement? Property(JsonElement root, string name)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                return property.Value;
        }
        return null;
    }
}
