using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Tests.Stubs;
using Octokit;

namespace LoadOps.Cloud.Tests.GitHub;

/// <summary>Throttling and failures, on the real clock: every wait here is 1 s at most.</summary>
public sealed class GitHubRetryTests
{
    private const string Ok = """{"id":1}""";

    private static Task SetStatusAsync(GitHubApi api) =>
        new CommitStatusPublisher(api).SetAsync(GitHubFixture.Repo, "abc", "checkout", CommitState.Pending, "running", null, GitHubFixture.Token);

    [Fact]
    public async Task A_429_with_retry_after_is_waited_out_and_retried()
    {
        await using var stub = await StubServer.StartAsync((_, n) => n == 1
            ? GitHubFixture.Error(429, "Too many requests", ("Retry-After", "1"))
            : StubResponse.Json(Ok, 201));
        using var api = GitHubFixture.Api(stub);

        await SetStatusAsync(api);

        var requests = stub.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].BodyText, requests[1].BodyText);
    }

    [Fact]
    public async Task An_exhausted_primary_limit_waits_until_the_reset_time()
    {
        await using var stub = await StubServer.StartAsync((_, n) => n == 1
            ? GitHubFixture.Error(403, "API rate limit exceeded", ("X-RateLimit-Remaining", "0"),
                ("X-RateLimit-Reset", DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)))
            : StubResponse.Json(Ok, 201));
        using var api = GitHubFixture.Api(stub);

        await SetStatusAsync(api);

        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task A_reset_beyond_the_cap_fails_at_once_with_a_clear_message()
    {
        var reset = DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var stub = await StubServer.StartAsync((_, _) =>
            GitHubFixture.Error(403, "API rate limit exceeded", ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset)));
        using var api = GitHubFixture.Api(stub);

        var error = await Assert.ThrowsAsync<GitHubException>(() => SetStatusAsync(api));

        Assert.Equal(403, error.StatusCode);
        Assert.Contains("longer than the 5 s LoadOps waits", error.Message, StringComparison.Ordinal);
        Assert.Contains("API rate limit exceeded", error.Message, StringComparison.Ordinal);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task A_secondary_rate_limit_backs_off_and_retries()
    {
        await using var stub = await StubServer.StartAsync((_, n) => n == 1
            ? GitHubFixture.Error(403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.")
            : StubResponse.Json(Ok, 201));
        using var api = GitHubFixture.Api(stub);

        await SetStatusAsync(api);

        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task A_plain_403_is_not_retried()
    {
        await using var stub = await StubServer.StartAsync((_, _) => GitHubFixture.Error(403, "Resource not accessible by integration"));
        using var api = GitHubFixture.Api(stub);

        var error = await Assert.ThrowsAsync<GitHubException>(() => SetStatusAsync(api));

        Assert.Equal("GitHub set commit status loadops/checkout failed (403): Resource not accessible by integration", error.Message);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task Server_errors_are_retried_until_success()
    {
        await using var stub = await StubServer.StartAsync((_, n) => n <= 2 ? GitHubFixture.Error(502, "Bad gateway") : StubResponse.Json(Ok, 201));
        using var api = GitHubFixture.Api(stub);

        await SetStatusAsync(api);

        Assert.Equal(3, stub.Requests.Count);
    }

    [Fact]
    public async Task Server_errors_give_up_after_the_bounded_attempts()
    {
        await using var stub = await StubServer.StartAsync((_, _) => new StubResponse(503, "<html>unavailable</html>"));
        using var api = GitHubFixture.Api(stub, maxAttempts: 3);

        var error = await Assert.ThrowsAsync<GitHubException>(() => SetStatusAsync(api));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal("GitHub POST /repos/octo/shop/statuses/abc failed (503): still failing after 3 attempts: HTTP 503, body is not GitHub's JSON", error.Message);
        Assert.Equal(3, stub.Requests.Count);
    }

    [Theory]
    [InlineData(401, "Bad credentials")]
    [InlineData(422, "Validation Failed")]
    public async Task Client_errors_are_not_retried_and_carry_githubs_message(int status, string message)
    {
        await using var stub = await StubServer.StartAsync((_, _) => GitHubFixture.Error(status, message));
        using var api = GitHubFixture.Api(stub);

        var error = await Assert.ThrowsAsync<GitHubException>(() => SetStatusAsync(api));

        Assert.Equal(status, error.StatusCode);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task A_timeout_is_retried_and_then_succeeds()
    {
        await using var stub = await StubServer.StartAsync((_, n) =>
        {
            if (n == 1)
                Thread.Sleep(TimeSpan.FromSeconds(2));
            return StubResponse.Json(Ok, 201);
        });
        using var api = GitHubFixture.Api(stub, timeoutSeconds: 0.5);

        await SetStatusAsync(api);

        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task Timeouts_on_every_attempt_fail_clearly()
    {
        await using var stub = await StubServer.StartAsync((_, _) =>
        {
            Thread.Sleep(TimeSpan.FromSeconds(1));
            return StubResponse.Json(Ok, 201);
        });
        using var api = GitHubFixture.Api(stub, maxAttempts: 2, timeoutSeconds: 0.2);

        var error = await Assert.ThrowsAsync<GitHubException>(() => SetStatusAsync(api));

        Assert.Equal("GitHub POST /repos/octo/shop/statuses/abc failed: no answer within 0.2 s, 2 attempts", error.Message);
    }
}
