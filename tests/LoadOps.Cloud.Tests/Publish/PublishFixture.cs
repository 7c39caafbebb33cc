using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Publish;
using LoadOps.Cloud.Tests.Stubs;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Policy;
using LoadOps.Core.Validation;
using LoadOps.Pipeline;
using LoadOps.Pipeline.Publish;

namespace LoadOps.Cloud.Tests.Publish;

/// <summary>A reported run of test <c>checkout</c> on PR #7 of octo/shop, and publishers pointed at stubs.</summary>
internal static class PublishFixture
{
    public const string Sha = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    public const string Secret = "s3cr3t-value-that-must-not-leak";

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    public static RunRecord Run(int shardsMissing = 0) => new()
    {
        RunId = "checkout-0123456789ab",
        TestName = "checkout",
        DefinitionHash = "hash",
        Repo = "octo/shop",
        Commit = Sha,
        Branch = "faster-cart",
        PullRequest = 7,
        Trigger = RunTrigger.PullRequest,
        InstallationId = 5,
        ShardCount = 2,
        ShardsDone = 2 - shardsMissing,
        ShardsMissing = shardsMissing,
    };

    public static RunReport Report(RunVerdict verdict, string markdown = "<!-- loadops:comment test=checkout -->\n## checkout passed", int shardsMissing = 0,
        IReadOnlyList<string>? reservations = null, string? slackOn = null) =>
        new(Run(shardsMissing),
            new RunEvaluation { Verdict = verdict, Headline = "p95 212 ms", Reservations = reservations ?? [] },
            Definition(slackOn),
            markdown,
            """{"blocks":[{"type":"section","text":{"type":"mrkdwn","text":"checkout"}}]}""");

    public static Core.Definitions.LoadTestDefinition Definition(string? slackOn)
    {
        var notify = slackOn is null ? "" : $"notify:\n  slack: {{ webhookSecret: SLACK_PERF, on: [{slackOn}] }}\n";
        var text = $"""
            version: 1
            name: checkout
            target:
              baseUrl: http://127.0.0.1:5080
            load:
              model: open
              stages:
                - {"{"} duration: 3s, rate: 5 {"}"}
            scenarios:
              - name: browse
                steps:
                  - {"{"} name: home, request: GET / {"}"}
            {notify}
            """;
        var validation = DefinitionValidator.Validate("loadtests/checkout.loadtest.yaml", text, LoadPolicy.Default);
        return validation.Definition ?? throw new InvalidOperationException(string.Join("; ", validation.Errors));
    }

    private static readonly string AppKey = System.Security.Cryptography.RSA.Create(2048).ExportRSAPrivateKeyPem();

    /// <summary>As a GitHub App installation (check runs need one); <paramref name="asApp"/> false: a personal access token.</summary>
    public static GitHubConnections Connections(StubServer stub, int maxAttempts = 3, double timeoutSeconds = 10, bool asApp = true) =>
        new(new GitHubOptions
        {
            BaseAddress = stub.Address,
            AppId = asApp ? "424242" : null,
            InstallationId = asApp ? 77 : 0,
            PrivateKeyPem = asApp ? AppKey : null,
            Token = asApp ? null : "ghp_testtoken_do_not_leak_0123456789",
        }, TimeProvider.System, Tests.GitHub.GitHubFixture.Policy(maxAttempts, timeoutSeconds));

    public static GitHubRunPublisher Publisher(GitHubConnections connections, bool statuses = false) =>
        new(connections, new PublishOptions { CommitStatuses = statuses }, new SecretScrubber([Secret]));
}
