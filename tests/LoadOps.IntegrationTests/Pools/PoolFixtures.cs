using Azure.Storage.Queues;
using Azure.Storage.Sas;
using LoadOps.Cloud.Pools;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Definitions;
using LoadOps.Core.Planning;

namespace LoadOps.IntegrationTests.Pools;

/// <summary>Pool pieces over Azurite: the launcher, the pool's queue and the SAS URL an agent would be given.</summary>
internal static class PoolFixtures
{
    public static PoolLauncher Launcher(StorageClients clients, HttpClient http, IReadOnlyDictionary<string, PoolOptions>? pools = null) =>
        PoolLauncher.Create(clients, pools, http, TimeProvider.System);

    public static QueueClient PoolQueue(StorageClients clients, string pool) => clients.Queues.GetQueueClient(clients.Names.ShardQueue("pool/" + pool));

    /// <summary>What an operator hands an agent: the pool queue's URL with a SAS for process (receive + delete) and update.</summary>
    public static async Task<Uri> AgentQueueUrlAsync(StorageClients clients, string pool, CancellationToken cancellationToken)
    {
        var queue = PoolQueue(clients, pool);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return queue.GenerateSasUri(QueueSasPermissions.Process | QueueSasPermissions.Update, DateTimeOffset.UtcNow.AddHours(1));
    }

    public static ShardSpec Spec(string runId, int index, string location, TimeSpan? deadlineIn = null) => new()
    {
        RunId = runId,
        ShardId = RunPlanner.ShardId(runId, index),
        ShardIndex = index,
        ShardCount = 3,
        Location = location,
        StartAt = DateTimeOffset.UtcNow,
        Deadline = DateTimeOffset.UtcNow + (deadlineIn ?? TimeSpan.FromMinutes(5)),
        DefinitionHash = "hash",
        Definition = new LoadTestDefinition
        {
            Name = "pool-test",
            Target = new TargetSpec { BaseUrl = "http://127.0.0.1:9" },
            Load = new LoadSpec { Model = LoadModel.Open, Stages = [new StageSpec(TimeSpan.FromSeconds(1), 1)] },
            Scenarios = [new ScenarioSpec("s", 1, [new StepSpec { Name = "get", Method = "GET", Path = "/" }])],
            Runners = [new RunnerSpec(location, 3)],
        },
    };

    /// <summary><paramref name="spec"/> browsing the sample target's product list at 10 arrivals a second for <paramref name="duration"/>.</summary>
    public static ShardSpec Browsing(ShardSpec spec, string baseUrl, TimeSpan duration) => spec with
    {
        Definition = spec.Definition with
        {
            Target = new TargetSpec { BaseUrl = baseUrl },
            Load = spec.Definition.Load with { Stages = [new StageSpec(duration, 10)] },
            Scenarios = [new ScenarioSpec("browse", 1, [new StepSpec { Name = "list", Method = "GET", Path = "/api/products?page=1" }])],
        },
    };
}
