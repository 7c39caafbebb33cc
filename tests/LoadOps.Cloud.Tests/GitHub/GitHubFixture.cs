using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Http;
using LoadOps.Cloud.Tests.Http;
using LoadOps.Cloud.Tests.Stubs;

namespace LoadOps.Cloud.Tests.GitHub;

/// <summary>Builds clients pointed at a stub server. Retry-After caps and back-off steps stay short; waits use the real clock.</summary>
internal static class GitHubFixture
{
    public const string Pat = "ghp_testtoken_do_not_leak_0123456789";
    public static readonly RepositoryRef Repo = new("octo", "shop");

    public static GitHubOptions PatOptions(StubServer stub) => new() { BaseAddress = stub.Address, Token = Pat };

    /// <summary>The GitHub pipeline with <paramref name="maxAttempts"/> in all, a 5 s cap on Retry-After and a short attempt timeout.</summary>
    public static OutboundPolicy Policy(int maxAttempts = 3, double timeoutSeconds = 10) =>
        TestPolicies.Fast(OutboundHttp.GitHub, maxAttempts, timeoutSeconds) with { MaxRetryAfter = TimeSpan.FromSeconds(5) };

    public static GitHubApi Api(StubServer stub, int maxAttempts = 3, double timeoutSeconds = 10) =>
        GitHubApi.Create(PatOptions(stub), TimeProvider.System, Policy(maxAttempts, timeoutSeconds));

    public static GitHubApi Api(GitHubOptions options, int maxAttempts = 3) => GitHubApi.Create(options, TimeProvider.System, Policy(maxAttempts));

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    public static IReadOnlyDictionary<string, string> Headers(params (string Name, string Value)[] headers) =>
        headers.ToDictionary(h => h.Name, h => h.Value);

    public static StubResponse Error(int status, string message, params (string Name, string Value)[] headers) =>
        new(status, $$"""{"message":"{{message}}","documentation_url":"https://docs.github.com/rest"}""", Headers(headers));

    public static void AssertRestHeaders(RecordedRequest request)
    {
        Assert.Equal("application/vnd.github+json", request.Header("Accept"));
        Assert.Equal("2022-11-28", request.Header("X-GitHub-Api-Version"));
        Assert.Contains("LoadOps", request.Header("User-Agent"), StringComparison.Ordinal);
    }
}
