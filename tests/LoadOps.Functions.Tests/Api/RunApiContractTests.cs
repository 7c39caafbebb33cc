using System.Net.Http.Headers;
using System.Net;
using System.Text.Json;
using System.Text;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Pipeline;
using LoadOps.Pipeline;

namespace LoadOps.Functions.Tests.Api;

/// <summary>The run API through the <c>runs</c>, <c>run</c> and <c>runreport</c> functions, on the routes of functions.metadata.</summary>
public sealed class RunApiContractTests
{
    private const string StartBody = """{"repository":"octo-org/shop","commit":"0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c","branch":"main","test":"checkout"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpRequestMessage Call(HttpMethod method, string path, string? token = HttpFunctionsHost.ApiToken, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return request;
    }

    private static RunRecord Reported(string runId) => new()
    {
        RunId = runId,
        TestName = "checkout",
        DefinitionHash = "h",
        Repo = "octo-org/shop",
        Commit = "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c",
        Trigger = RunTrigger.Push,
        Status = RunStatus.Reported,
        ReportBlobNames = [$"runs/{runId}/report.md"],
    };

    [Fact]
    public async Task A_post_with_a_token_queues_one_api_request_and_answers_202()
    {
        await using var host = await HttpFunctionsHost.StartAsync();

        var response = await host.Client.SendAsync(Call(HttpMethod.Post, "/api/runs", body: StartBody), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sent = Assert.Single(host.Sink.Sent);
        Assert.Equal((RunTrigger.Api, "checkout"), (sent.Trigger, sent.TestName));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var runId = RunIds.For(sent.RequestId, "checkout");
        Assert.Equal(runId, body.RootElement.GetProperty("runIds")[0].GetString());
        // Without LoadOps:Api:PublicUrl the link is relative: it never echoes the request's Host.
        Assert.Equal($"/api/runs/{runId}", body.RootElement.GetProperty("statusUrl").GetString());
    }

    [Fact]
    public async Task Without_configured_tokens_the_api_answers_401_saying_what_to_set()
    {
        await using var host = await HttpFunctionsHost.StartAsync(HttpFunctionsHost.Secret, withTokens: false);

        var response = await host.Client.SendAsync(Call(HttpMethod.Post, "/api/runs", body: StartBody), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("LoadOps:Api:Tokens", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Empty(host.Sink.Sent);
    }

    [Fact]
    public async Task A_bad_token_gets_401_and_appears_in_neither_the_answer_nor_the_log()
    {
        const string wrong = "wrong-token-that-must-not-leak-77";
        await using var host = await HttpFunctionsHost.StartAsync();

        var post = await host.Client.SendAsync(Call(HttpMethod.Post, "/api/runs", token: wrong, body: StartBody), Ct);
        var get = await host.Client.SendAsync(Call(HttpMethod.Get, "/api/runs/x", token: wrong), Ct);
        var good = await host.Client.SendAsync(Call(HttpMethod.Post, "/api/runs", body: StartBody), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, good.StatusCode);
        Assert.Single(host.Sink.Sent);
        Assert.DoesNotContain(wrong, await post.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains(host.Logs.Lines, line => line.Contains("unknown token", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(wrong, StringComparison.Ordinal) || line.Contains(HttpFunctionsHost.ApiToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_scoped_to_another_repository_cannot_start_runs_here()
    {
        await using var host = await HttpFunctionsHost.StartAsync();
        var response = await host.Client.SendAsync(Call(HttpMethod.Post, "/api/runs", token: HttpFunctionsHost.ScopedApiToken, body: StartBody), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(host.Sink.Sent);
    }

    [Fact]
    public async Task A_get_shows_the_run_and_serves_its_markdown_report()
    {
        await using var host = await HttpFunctionsHost.StartAsync();
        host.Runs.Runs["r1"] = Reported("r1");
        host.Runs.Evaluations["r1"] = new RunEvaluation { Verdict = RunVerdict.Pass, Headline = "all 2 thresholds passed: passing" };
        host.Runs.Reports["runs/r1/report.md"] = "### ✅ LoadOps checkout: Pass";

        var show = await host.Client.SendAsync(Call(HttpMethod.Get, "/api/runs/r1"), Ct);
        var report = await host.Client.SendAsync(Call(HttpMethod.Get, "/api/runs/r1/report.md"), Ct);
        var list = await host.Client.SendAsync(Call(HttpMethod.Get, "/api/runs?repository=octo-org/shop&commit=0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c"), Ct);

        using var view = JsonDocument.Parse(await show.Content.ReadAsStringAsync(Ct));
        Assert.Equal("pass", view.RootElement.GetProperty("outcome").GetString());
        Assert.Equal("all 2 thresholds passed: passing", view.RootElement.GetProperty("headline").GetString());
        Assert.Equal("text/markdown; charset=utf-8", report.Content.Headers.ContentType!.ToString());
        Assert.Equal("### ✅ LoadOps checkout: Pass", await report.Content.ReadAsStringAsync(Ct));
        using var runs = JsonDocument.Parse(await list.Content.ReadAsStringAsync(Ct));
        Assert.Equal("r1", Assert.Single(runs.RootElement.GetProperty("runs").EnumerateArray()).GetProperty("runId").GetString());
    }
}
