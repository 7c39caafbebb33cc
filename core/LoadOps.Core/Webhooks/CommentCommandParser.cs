using System.Text.RegularExpressions;

namespace LoadOps.Core.Webhooks;

/// <summary>
/// Finds a <c>/loadtest</c> command in a comment: the first line that starts with <c>/loadtest</c> (after spaces).
/// <c>/loadtest run</c>, <c>/loadtest run NAME</c>, <c>/loadtest approve</c>, <c>/loadtest approve SHA</c>,
/// <c>/loadtest accept</c>, <c>/loadtest accept NAME</c>.
/// </summary>
internal static partial class CommentCommandParser
{
    public const string Prefix = "/loadtest";
    public const string Usage = "use `/loadtest run [NAME]`, `/loadtest approve [SHA]` or `/loadtest accept [NAME]` on a line of its own";

    /// <summary>The command, or null with <paramref name="problem"/> saying why the comment starts nothing.</summary>
    public static (PullRequestCommandKind Kind, string? Argument)? Parse(string body, out string problem)
    {
        problem = "";
        var line = body.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        if (line is null)
        {
            problem = "the comment has no /loadtest command";
            return null;
        }
        var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words[0] != Prefix || words.Length is < 2 or > 3)
        {
            problem = $"'{Shorten(line)}' is not a LoadOps command; {Usage}";
            return null;
        }
        var argument = words.Length == 3 ? words[2] : null;
        switch (words[1])
        {
            case "run" when argument is null || TestName().IsMatch(argument):
                return (PullRequestCommandKind.Run, argument);
            case "accept" when argument is null || TestName().IsMatch(argument):
                return (PullRequestCommandKind.Accept, argument);
            case "run" or "accept":
                problem = $"'{Shorten(argument!)}' is not a test name (lowercase letters, digits and dashes, 1 to 63); {Usage}";
                return null;
            case "approve" when argument is null || CommitPrefix().IsMatch(argument):
                return (PullRequestCommandKind.Approve, argument?.ToLowerInvariant());
            case "approve":
                problem = $"'{Shorten(argument!)}' is not a commit SHA (7 to 40 hex digits); {Usage}";
                return null;
            default:
                problem = $"unknown command '{Shorten(words[1])}'; {Usage}";
                return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    [GeneratedRegex("^[a-z0-9-]{1,63}$")]
    private static partial Regex TestName();

    [GeneratedRegex("^[0-9a-fA-F]{7,40}$")]
    private static partial Regex CommitPrefix();
}
