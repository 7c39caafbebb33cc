using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LoadOps.Core.Webhooks;
using LoadOps.Functions.Tests;
using LoadOps.IntegrationTests.Functions;

namespace LoadOps.IntegrationTests.Hosting;

/// <summary>
/// Requests both hosts must answer alike, in order (later rows depend on earlier ones, e.g. a repeated delivery), each
/// with the status it must get. GitHub's side: <c>maintainer-mia</c> may write, <c>reader-rick</c> may read,
/// <c>stranger-sam</c> is no collaborator (<see cref="GitHubPermissionStub"/>).
/// </summary>
internal static class SameAnswersTable
{
    public sealed record Row(string Name, HttpStatusCode Expected, Func<HttpRequestMessage> Request);

    public static IReadOnlyList<Row> Rows { get; } =
    [
        new("push, signed", HttpStatusCode.Accepted, () => Signed("push", Payload.Text("push.json"), "d-push")),
        new("the same push delivered again", HttpStatusCode.OK, () => Signed("push", Payload.Text("push.json"), "d-push")),
        new("push with a wrong signature", HttpStatusCode.Unauthorized, () => WithSignature(Signed("push", Payload.Text("push.json"), "d-bad"), "sha256=" + new string('0', 64))),
        new("push without a signature", HttpStatusCode.Unauthorized, () => WithSignature(Signed("push", Payload.Text("push.json"), "d-unsigned"), null)),
        new("ping", HttpStatusCode.OK, () => Signed("ping", """{"zen":"Keep it logically awesome.","hook_id":1}""", "d-ping")),
        new("a pull request opened", HttpStatusCode.Accepted, () => Signed("pull_request", Payload.Text("pull_request.json"), "d-pr")),
        new("/loadtest run by a writer", HttpStatusCode.Accepted, () => Signed("issue_comment", Payload.Text("issue_comment_run.json"), "d-run")),
        new("/loadtest run by a reader", HttpStatusCode.OK, () => Signed("issue_comment", Sender("reader-rick"), "d-run-reader")),
        new("/loadtest run by a stranger", HttpStatusCode.OK, () => Signed("issue_comment", Sender("stranger-sam"), "d-run-stranger")),
        new("a comment on an issue", HttpStatusCode.OK, () => Signed("issue_comment", Payload.Text("issue_comment_on_issue.json"), "d-issue")),
        new("webhook GET", HttpStatusCode.MethodNotAllowed, () => new HttpRequestMessage(HttpMethod.Get, "/api/github/webhook")),
        new("a run without a token", HttpStatusCode.Unauthorized, () => new HttpRequestMessage(HttpMethod.Get, "/api/runs/r-unknown")),
        new("a run with a wrong token", HttpStatusCode.Unauthorized, () => Api(HttpMethod.Get, "/api/runs/r-unknown", token: "not-the-token")),
        new("an unknown run", HttpStatusCode.NotFound, () => Api(HttpMethod.Get, "/api/runs/r-unknown")),
        new("a report of an unknown run", HttpStatusCode.NotFound, () => Api(HttpMethod.Get, "/api/runs/r-unknown/report.md")),
        new("runs by a request id nobody sent", HttpStatusCode.OK, () => Api(HttpMethod.Get, "/api/runs?requestId=nobody")),
        new("start runs with a body that is not JSON", HttpStatusCode.BadRequest, () => Api(HttpMethod.Post, "/api/runs", "{not json")),
        new("start runs with a body over 64 KiB", HttpStatusCode.RequestEntityTooLarge, () => Api(HttpMethod.Post, "/api/runs", new string(' ', 64 * 1024 + 1))),
        new("DELETE on runs", HttpStatusCode.MethodNotAllowed, () => Api(HttpMethod.Delete, "/api/runs")),
        new("a test's history without a token", HttpStatusCode.Unauthorized, () => new HttpRequestMessage(HttpMethod.Get, "/api/tests/checkout/history")),
        new("the history of a test with no reported run", HttpStatusCode.NotFound, () => Api(HttpMethod.Get, "/api/tests/never-ran/history")),
    ];

    /// <summary>A delivery as GitHub sends it, signed with the hosts' webhook secret over the exact bytes.</summary>
    public static HttpRequestMessage Signed(string eventName, string body, string delivery)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/github/webhook") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", delivery);
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(FunctionsAppRig.WebhookSecret, bytes));
        return request;
    }

    private static HttpRequestMessage WithSignature(HttpRequestMessage request, string? signature)
    {
        request.Headers.Remove(WebhookSignature.HeaderName);
        if (signature is not null)
            request.Headers.Add(WebhookSignature.HeaderName, signature);
        return request;
    }

    /// <summary>The <c>/loadtest run</c> comment, written by someone else.</summary>
    private static string Sender(string login) =>
        Payload.Text("issue_comment_run.json").Replace("\"maintainer-mia\"", $"\"{login}\"", StringComparison.Ordinal);

    private static HttpRequestMessage Api(HttpMethod method, string path, string? body = null, string token = FunctionsAppRig.ApiToken)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return request;
    }
}
