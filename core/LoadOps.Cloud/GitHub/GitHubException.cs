namespace LoadOps.Cloud.GitHub;

/// <summary>A GitHub call failed: names the operation, the HTTP status (0 when there was no answer) and GitHub's message.</summary>
public sealed class GitHubException(string operation, int statusCode, string message)
    : Exception(statusCode == 0 ? $"GitHub {operation} failed: {message}" : $"GitHub {operation} failed ({statusCode}): {message}")
{
    public string Operation { get; } = operation;
    public int StatusCode { get; } = statusCode;
}
