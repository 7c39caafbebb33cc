using System.Net;
using System.Security.Cryptography;
using System.Text;
using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Publish;
using LoadOps.Cloud.Storage;
using LoadOps.Cloud.Tests.Stubs;
using LoadOps.Core.Webhooks;
using LoadOps.Functions.Hosting;
using LoadOps.Functions.Tests.Metadata;
using LoadOps.IntegrationTests.Pipeline;
using LoadOps.Pipeline;
using LoadOps.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;

namespace LoadOps.IntegrationTests.Publish;

/// <summary>
/// A pull request of octo-org/shop on a stub GitHub: the Functions app's webhook function takes the signed webhook, and the
/// stages (GitHub definition source, GitHub + Slack publishers, in-process runners against the sample target) run it
/// on Azurite. The definition sends a secret header from <c>LOADOPS_SECRET_E2E_PUBLISH_TOKEN</c> and notifies a stub
/// Slack webhook (<c>LOADOPS_SECRET_E2E_SLACK</c>) on every verdict.
/// </summary>
internal sealed class GitHubPipelineRig : IAsyncDisposable
{
    public const string WebhookSecret = "integration-webhook-secret-42";
    public const string SecretName = "E2E_PUBLISH_TOKEN";
    public const string Sha = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    public const string TestName = "pr-smoke";
    public static readonly string SecretValue = "tok-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private readonly List<IAsyncDisposable> _owned = [];

    public required GitHubStub GitHub { get; init; }
    public required StubServer Slack { get; init; }
    public required StorageClients Clients { get; init; }
    public required PipelineStages Stages { get; init; }
    public required QueuePump Pump { get; init; }
    public required WebApplication Functions { get; init; }
    public required GitHubConnections Connections { get; init; }
    public required List<string> Log { get; init; }

    /// <param name="launchers">The runners' launcher and teardown over the run's storage (default: in-process runners).</param>
    /// <param name="locations">The definition's runner locations, one runner each (default: two local runners).</param>
    /// <param name="startDelay">How long after planning the load starts (runner processes need time to come up).</param>
    /// <param name="live">Load length, snapshot upload and check run update intervals for live updates (default: a 3 s load, no live settings).</param>
    public static async Task<GitHubPipelineRig> StartAsync(
        AzuriteFixture azurite, CancellationToken cancellationToken,
        Func<StorageClients, (IShardLauncher Launcher, RunnerTeardown? Teardown)>? launchers = null,
        IReadOnlyList<string>? locations = null, TimeSpan? startDelay = null, LiveSettings? live = null)
    {
        Environment.SetEnvironmentVariable("LOADOPS_SECRET_" + SecretName, SecretValue);
        var target = await SampleTargetHost.StartAsync();
        var baseUrl = target.BaseUrl;

        var github = await GitHubStub.StartAsync();
        var runners = locations is null ? "  - { location: local, count: 2 }" : string.Join("\n", locations.Select(l => $"  - {{ location: {l}, count: 1 }}"));
        var duration = live is null ? "3s" : $"{(int)live.Load.TotalSeconds}s";
        github.Files["loadtests/pr-smoke.loadtest.yaml"] = Definition(TestName, baseUrl, runners, duration);
        github.Files["loadtests/untouched.loadtest.yaml"] = Definition("untouched", baseUrl, runners, duration);
        // The PR's own policy forbids the loopback target; the base branch's allows it. Only the base's may count.
        github.Files[".loadops/policy.yaml"] = "allowedHosts: [api.example.com]\n";
        github.FilesByRef["main"] = new Dictionary<string, string> { [".loadops/policy.yaml"] = "allowedHosts: [127.0.0.1, localhost]\n" };
        github.PullRequestFiles.Add("loadtests/pr-smoke.loadtest.yaml");

        var clients = await azurite.NewClientsAsync(cancellationToken);
        var functions = await StartFunctionsAsync(azurite, clients, github, cancellationToken);
        var folder = Path.Combine(Path.GetTempPath(), "loadops-publish-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        var (launcher, teardown) = launchers?.Invoke(clients)
            ?? (new InProcessLauncher(new ResultStore(clients, TimeProvider.System), new StageSender(clients), folder), null);
        var connections = new GitHubConnections(new GitHubOptions { BaseAddress = github.Address, AppId = "424242", InstallationId = 77, PrivateKeyPem = RSA.Create(2048).ExportRSAPrivateKeyPem() }, TimeProvider.System,
            Cloud.Http.OutboundHttp.Policies[Cloud.Http.OutboundHttp.GitHub] with { BaseDelay = TimeSpan.FromMilliseconds(20) });
        var slack = await StubServer.StartAsync((_, _) => new StubResponse(200, "ok"));
        var settings = new Dictionary<string, string?>
        {
            ["LOADOPS_SECRET_" + SecretName] = SecretValue,
            ["LOADOPS_SECRET_E2E_SLACK"] = new Uri(slack.Address, "services/T000/B000/e2e").ToString(),
        };
        var publisher = RunPublisherFactory.Create(connections, new PublishOptions { CommitStatuses = true }, settings, new HttpClient(), TimeProvider.System);
        var plan = new Core.Planning.PlanOptions { StartDelay = startDelay ?? TimeSpan.FromSeconds(2), ReportGrace = TimeSpan.FromSeconds(30), Interval = TimeSpan.FromSeconds(1) };
        if (live is not null)
            plan = plan with { SnapshotUploadInterval = live.SnapshotUpload };
        var stages = new PipelineStages(AzurePipelineStores.Create(clients, TimeProvider.System), new GitHubDefinitionSource(connections), launcher, TimeProvider.System, plan, teardown: teardown, publisher: publisher,
            liveInterval: live?.CheckRunUpdate);
        var log = new List<string>();
        var pump = new QueuePump(stages, clients, line => { lock (log) log.Add(line); }, new QueuePumpOptions { VisibilityTimeout = TimeSpan.FromSeconds(20) });
        var rig = new GitHubPipelineRig { GitHub = github, Slack = slack, Clients = clients, Stages = stages, Pump = pump, Functions = functions, Connections = connections, Log = log };
        rig._owned.Add(target);
        return rig;
    }

    private static async Task<WebApplication> StartFunctionsAsync(AzuriteFixture azurite, StorageClients clients, GitHubStub github, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LoadOps:GitHub:WebhookSecret"] = WebhookSecret,
            ["LoadOps:GitHub:Token"] = "ghp_e2e_token_0123456789",
            ["LoadOps:GitHub:BaseAddress"] = github.Address.ToString(),
            ["LoadOps:Storage:ConnectionString"] = azurite.ConnectionString,
            ["LoadOps:Storage:NamePrefix"] = clients.Names.Prefix,
        });
        builder.AddLoadOpsFunctionsApp();
        var app = builder.Build();
        HttpTriggerRoutes.MapAll(app, FunctionsMetadata.Read());
        await app.StartAsync(cancellationToken);
        return app;
    }

    /// <summary>A real <c>pull_request</c> delivery (opened, PR #7), signed with the webhook secret.</summary>
    public async Task<HttpStatusCode> DeliverPullRequestAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var payload = """
            {"action":"opened","number":7,
             "pull_request":{"number":7,"draft":false,"head":{"ref":"faster-cart","sha":"HEAD_SHA","repo":{"full_name":"octo-org/shop"}},
                             "base":{"ref":"main","sha":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","repo":{"full_name":"octo-org/shop"}}},
             "repository":{"full_name":"octo-org/shop"},"installation":{"id":5},"sender":{"login":"dev"}}
            """.Replace("HEAD_SHA", Sha, StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/github/webhook") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", "pull_request");
        request.Headers.Add("X-GitHub-Delivery", deliveryId);
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(WebhookSecret, Encoding.UTF8.GetBytes(payload)));
        using var client = Functions.GetTestClient();
        return (await client.SendAsync(request, cancellationToken)).StatusCode;
    }

    /// <summary>Pumps the queues until the run is terminal; bounded to one minute.</summary>
    public async Task<RunRecord> PumpUntilTerminalAsync(string runId, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (DateTime.UtcNow < until)
        {
            await Pump.PumpOnceAsync(cancellationToken);
            if (await Stages.Runs.GetAsync(runId, cancellationToken) is { IsTerminal: true } run)
                return run;
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException($"Run {runId} did not finish within a minute. Log: {string.Join(Environment.NewLine, Log)}");
    }

    private static string Definition(string name, string baseUrl, string runners, string duration) => $$$"""
        version: 1
        name: {{{name}}}
        target:
          baseUrl: {{{baseUrl}}}
          headers:
            Authorization: "Bearer ${{ secrets.{{{SecretName}}} }}"
        load:
          model: open
          stages:
            - { duration: {{{duration}}}, rate: 20 }
        scenarios:
          - name: browse
            steps:
              - name: list-products
                request: GET /api/products?page=1
                expect: { status: 200 }
        runners:
        {{{runners}}}
        thresholds:
          - "errors < 50%"
        notify:
          slack: { webhookSecret: E2E_SLACK, on: [pass, fail, regression, improvement, inconclusive] }
        """;

    /// <summary>Live updates: how long the load lasts, how often runners upload snapshots and check runs are updated.</summary>
    public sealed record LiveSettings(TimeSpan Load, TimeSpan SnapshotUpload, TimeSpan CheckRunUpdate);

    public async ValueTask DisposeAsync()
    {
        await Functions.DisposeAsync();
        Connections.Dispose();
        await GitHub.DisposeAsync();
        await Slack.DisposeAsync();
        foreach (var owned in _owned)
            await owned.DisposeAsync();
    }
}
