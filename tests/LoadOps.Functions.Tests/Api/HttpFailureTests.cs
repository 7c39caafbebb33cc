using System.Net.Http.Headers;
using System.Net;
using LoadOps.Cloud.Api;
using LoadOps.Core.Evaluation;
using LoadOps.Pipeline;

namespace LoadOps.Functions.Tests.Api;

/// <summary>
/// Regression: under ASPNETCORE_ENVIRONMENT=Development a failing function answered with the developer exception page,
/// which printed the caller's <c>Authorization: Bearer</c> header. Now any unexpected failure is a plain 500.
/// </summary>
public sealed class HttpFailureTests
{
    private const string Leak = "storage-detail-that-stays-in-the-log";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_failing_function_answers_a_plain_500_without_the_request_headers_in_development()
    {
        await using var host = await HttpFunctionsHost.StartAsync(catalog: new FailingCatalog());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs/r1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HttpFunctionsHost.ApiToken);
        request.Headers.Add("X-Custom-Header", "custom-header-value");

        var response = await host.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("could not answer", body, StringComparison.Ordinal);
        foreach (var secret in new[] { HttpFunctionsHost.ApiToken, "Bearer", "custom-header-value", Leak, "InvalidOperationException", "   at " })
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers, header => header.Value.Any(v => v.Contains(HttpFunctionsHost.ApiToken, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_failure_is_logged_with_its_exception_but_not_the_request()
    {
        await using var host = await HttpFunctionsHost.StartAsync(catalog: new FailingCatalog());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs/r1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HttpFunctionsHost.ApiToken);

        await host.Client.SendAsync(request, Ct);

        Assert.Contains(host.Logs.Lines, line => line.StartsWith("Error: run failed; answered 500", StringComparison.Ordinal) && line.Contains(Leak, StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(HttpFunctionsHost.ApiToken, StringComparison.Ordinal));
    }

    /// <summary>A run catalog whose storage is broken in a way no handler expects.</summary>
    private sealed class FailingCatalog : IRunCatalog
    {
        public Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken) => throw new InvalidOperationException(Leak);

        public Task<IReadOnlyList<RunRecord>> ListByCommitAsync(string repository, string commit, CancellationToken cancellationToken) => throw new InvalidOperationException(Leak);

        public Task<IReadOnlyList<RunRecord>> ListByRequestAsync(string requestId, CancellationToken cancellationToken) => throw new InvalidOperationException(Leak);

        public Task<RunEvaluation?> ReadEvaluationAsync(string runId, CancellationToken cancellationToken) => throw new InvalidOperationException(Leak);

        public Task<string?> ReadReportAsync(string blobName, CancellationToken cancellationToken) => throw new InvalidOperationException(Leak);
    }
}
