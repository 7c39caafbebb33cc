using System.Net;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Functions.Tests;
using LoadOps.IntegrationTests.Hosting;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Serve;

/// <summary>
/// Regression: serve built its webhook without the pull-request command resolver, so a <c>/loadtest run</c> comment
/// was answered 503 even with GitHub configured. Now serve checks the sender with GitHub (a loopback stub here) like the
/// Functions app does.
/// </summary>
public sealed class ServeWebhookCommandTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_loadtest_run_comment_by_a_writer_is_checked_with_github_and_queues_the_pull_request_head()
    {
        await using var github = await GitHubPermissionStub.StartAsync();
        github.Roles["maintainer-mia"] = "write";
        await using var serve = await ServeEndpointHost.StartAsync(azurite, github.Address, Ct);

        var response = await serve.Client.SendAsync(SameAnswersTable.Signed("issue_comment", Payload.Text("issue_comment_run.json"), "d-run"), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("GET /repos/octo-org/shop/collaborators/maintainer-mia/permission", github.Asked);
        Assert.Contains("GET /repos/octo-org/shop/pulls/42", github.Asked);
        var queue = new StageQueue(serve.Clients, serve.Clients.Names.Queue(StageQueueNames.Validate));
        var request = Assert.Single((await queue.ReceiveAsync<RunRequest>(32, TimeSpan.FromSeconds(30), Ct)).Messages).Body;
        Assert.Equal(GitHubPermissionStub.Head, request.Commit);
        Assert.Equal(42, request.PullRequest);
        Assert.Contains(serve.Log, line => line.StartsWith("webhook answered 202", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_loadtest_run_comment_by_a_reader_is_ignored_saying_write_access_is_needed()
    {
        await using var github = await GitHubPermissionStub.StartAsync();
        github.Roles["maintainer-mia"] = "read";
        await using var serve = await ServeEndpointHost.StartAsync(azurite, github.Address, Ct);

        var response = await serve.Client.SendAsync(SameAnswersTable.Signed("issue_comment", Payload.Text("issue_comment_run.json"), "d-read"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("needs write access", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var queue = new StageQueue(serve.Clients, serve.Clients.Names.Queue(StageQueueNames.Validate));
        Assert.Empty((await queue.ReceiveAsync<RunRequest>(32, TimeSpan.FromSeconds(30), Ct)).Messages);
    }

    [Fact]
    public async Task Without_github_settings_a_command_is_answered_503_naming_the_settings_to_set()
    {
        await using var serve = await ServeEndpointHost.StartAsync(azurite, github: null, Ct);

        var response = await serve.Client.SendAsync(SameAnswersTable.Signed("issue_comment", Payload.Text("issue_comment_run.json"), "d-none"), Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("LoadOps:GitHub:Token", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
