using LoadOps.Cloud.GitHub;

namespace LoadOps.Cloud.Hosting;

/// <summary>The webhook's <see cref="IRepositoryAccess"/>: GitHub as configured under <c>LoadOps:GitHub</c>, or a stand-in that says what is missing.</summary>
public static class RepositoryAccessFactory
{
    public const string Missing =
        "GitHub access is not configured, so the sender's write access cannot be checked: set LoadOps:GitHub:AppId, InstallationId and PrivateKeyPem, or LoadOps:GitHub:Token";

    public static IRepositoryAccess Create(GitHubOptions? options, TimeProvider clock)
    {
        if (options is null || (!options.UsesApp && string.IsNullOrWhiteSpace(options.Token)))
            return new UnconfiguredRepositoryAccess(Missing);
        try
        {
            return new GitHubRepositoryAccess(GitHubApi.Create(options, clock));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            // The message names the missing or malformed setting; it never holds the key itself.
            return new UnconfiguredRepositoryAccess($"GitHub access is misconfigured: {e.Message}");
        }
    }
}
