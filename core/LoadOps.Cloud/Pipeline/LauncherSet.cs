using LoadOps.Cloud.Aci;
using LoadOps.Cloud.Ecs;
using LoadOps.Cloud.Pools;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Pipeline;

/// <summary>The launchers a host has configured, by location scheme; a missing one refuses its locations.</summary>
public sealed record LauncherSet
{
    /// <summary><c>azure/&lt;region&gt;</c>: one container group per shard.</summary>
    public AciLauncher? Aci { get; init; }

    /// <summary><c>aws/&lt;region&gt;</c>: Fargate tasks taking their specs from the shard queue.</summary>
    public EcsLauncher? Ecs { get; init; }

    /// <summary>Container groups created at once per location; ARM answers 429 beyond its per-region write rate.</summary>
    public int AciConcurrentCreations { get; init; } = 4;

    /// <summary>Makes the SAS grants each ACI runner carries (upload its result, send ShardDone); required with <see cref="Aci"/>.</summary>
    public PoolGrants? Grants { get; init; }

    /// <summary>The one AWS region <see cref="Ecs"/> serves.</summary>
    public string? EcsRegion { get; init; }

    /// <summary>Plain environment for ECS tasks on top of the shard queue and run id.</summary>
    public IReadOnlyDictionary<string, string> EcsEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>Where ECS runners find their specs; required with <see cref="Ecs"/>.</summary>
    public ShardQueueWriter? ShardQueue { get; init; }

    /// <summary><c>pool/&lt;name&gt;</c>: a launcher per pool name (BYO VMs polling the pool queue).</summary>
    public IReadOnlyDictionary<string, IShardLauncher> Pools { get; init; } = new Dictionary<string, IShardLauncher>();

    /// <summary><c>local</c>: processes on the host, when the host can start them.</summary>
    public IShardLauncher? Local { get; init; }
}
