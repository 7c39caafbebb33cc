using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Tests.Stubs;

namespace LoadOps.Cloud.Tests.GitHub;

/// <summary>Builds clients pointed at a stub server. Retry-After and back-off steps stay short; waits use the real clock.</summary>
internal static class GitHubFixture
{
    public const string Pat = "ghp_testtoken_do_not_leak_0123456789";
    public static readonly RepositoryRef Repo = new("octo", "shop");

    public static GitHubOptions PatOptions(StubServer stub, int maxAttempts = 3, double timeoutSeconds = 10) => new()
    {
        BaseAddress = stub.Address,
        Token = Pat,
        MaxAttempts = maxAttempts,
        BaseDelay = TimeSpan.FromMilliseconds(20),
        MaxRateLimitWait = TimeSpan.FromSeconds(5),
        RequestTimeout = TimeSpan.FromSeconds(timeoutSeconds),
    };

    public static GitHubApi Api(StubServer stub, int maxAttempts = 3) => GitHubApi.Create(PatOptions(stub, maxAttempts), TimeProvider.System);

    public static GitHubApi Api(GitHubOptions options) => GitHubApi.Create(options, TimeProvider.System);

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
