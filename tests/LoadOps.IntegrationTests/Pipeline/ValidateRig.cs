using System.Security.Cryptography;
using LoadOps.Cloud.Pipeline;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Webhooks;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Pipeline;

/// <summary>The validate stage over fresh Azurite names and a repository folder with one definition (and optionally a policy).</summary>
internal sealed class ValidateRig : IDisposable
{
    public const string TestName = "checkout";
    public const string Repository = "octo-org/shop";

    private ValidateRig(string folder, PipelineStages stages)
    {
        Folder = folder;
        Stages = stages;
    }

    public string Folder { get; }
    public PipelineStages Stages { get; }

    public static async Task<ValidateRig> StartAsync(AzuriteFixture azurite, CancellationToken cancellationToken, int runners = 2, string? policy = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "loadops-validate-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Directory.CreateDirectory(Path.Combine(folder, "loadtests"));
        await File.WriteAllTextAsync(Path.Combine(folder, "loadtests", "checkout.loadtest.yaml"), $$"""
            version: 1
            name: {{TestName}}
            target: { baseUrl: "http://127.0.0.1:9" }
            load:
              model: open
              stages: [{ duration: 2s, rate: 10 }]
            scenarios:
              - name: s
                steps: [{ name: home, request: GET / }]
            runners: [{ location: local, count: {{runners}} }]
            """, cancellationToken);
        if (policy is not null)
        {
            Directory.CreateDirectory(Path.Combine(folder, ".loadops"));
            await File.WriteAllTextAsync(Path.Combine(folder, ".loadops", "policy.yaml"), policy, cancellationToken);
        }
        var clients = await azurite.NewClientsAsync(cancellationToken);
        return new ValidateRig(folder, new PipelineStages(AzurePipelineStores.Create(clients, TimeProvider.System), new LocalDefinitionSource(folder), new InProcessLauncherStandIn(), TimeProvider.System));
    }

    public static RunRequest ForkRequest(string deliveryId, string commit) => new()
    {
        RequestId = deliveryId,
        Trigger = RunTrigger.PullRequest,
        Repository = Repository,
        Commit = commit,
        Branch = "cache-products",
        PullRequest = 42,
        BaseBranch = "main",
        FromFork = true,
        Sender = "stranger",
    };

    public static RunRequest Approval(string commit, string by = "maintainer-mia") => ForkRequest(PullRequestCommandRules.ApprovalRequestId(Repository, 42, commit), commit) with
    {
        ApprovedBy = by,
        Sender = by,
    };

    public static RunRequest Push(string deliveryId) => new()
    {
        RequestId = deliveryId,
        Trigger = RunTrigger.Push,
        Repository = Repository,
        Commit = "0123456789abcdef0123456789abcdef01234567",
        Branch = "main",
    };

    public void Dispose()
    {
        if (Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
    }

    /// <summary>The validate stage never launches; dispatch is not driven here.</summary>
    private sealed class InProcessLauncherStandIn : IShardLauncher
    {
        public Task<ShardLaunch> LaunchAsync(Core.Planning.ShardSpec spec, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The validate tests do not dispatch.");
    }
}
