using LoadOps.Cloud.Aci;
using LoadOps.Cloud.Pools;
using LoadOps.Core.Definitions;
using LoadOps.Core.Planning;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Pipeline;

/// <summary>
/// Routes each shard by its location's scheme: <c>azure/…</c> to ACI, <c>aws/…</c> to ECS, <c>pool/NAME</c> to that
/// pool's launcher, <c>local</c> to the host's. A scheme with no launcher configured is refused, saying what to set.
/// Cloud launches answer a handle (<c>aci:{resourceId}</c>, <c>ecs:{region}:{taskArn}</c>) that
/// <see cref="RunnerTeardown"/> understands.
/// </summary>
public sealed class LocationLauncher(LauncherSet set) : IShardLauncher
{
    public const string AciPrefix = "aci:";
    public const string EcsPrefix = "ecs:";

    public async Task<ShardLaunch> LaunchAsync(ShardSpec spec, CancellationToken cancellationToken) =>
        (await LaunchAllAsync([spec], cancellationToken))[0];

    public async Task<IReadOnlyList<ShardLaunch>> LaunchAllAsync(IReadOnlyList<ShardSpec> specs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specs);
        // Locations are independent providers (or regions with their own limits): they launch at the same time.
        var launches = new ShardLaunch[specs.Count];
        await Task.WhenAll(specs.Select((spec, index) => (spec, index)).GroupBy(p => p.spec.Location, StringComparer.Ordinal).Select(async group =>
        {
            var items = group.ToList();
            var answers = await LaunchGroupGuardedAsync(group.Key, items.Select(i => i.spec).ToList(), cancellationToken);
            for (var i = 0; i < items.Count; i++)
                launches[items[i].index] = answers[i];
        }));
        return launches;
    }

    private async Task<IReadOnlyList<ShardLaunch>> LaunchGroupGuardedAsync(string location, IReadOnlyList<ShardSpec> specs, CancellationToken cancellationToken)
    {
        try
        {
            return await LaunchGroupAsync(location, specs, cancellationToken);
        }
        catch (Azure.RequestFailedException e)
        {
            // A pool or shard queue failed to take the work; the SDK's text may quote a URL with its grant, so only the status is kept.
            return Refuse(specs, $"storage answered {e.Status} ({e.ErrorCode}) while handing the shards to '{location}'");
        }
    }

    private async Task<IReadOnlyList<ShardLaunch>> LaunchGroupAsync(string location, IReadOnlyList<ShardSpec> specs, CancellationToken cancellationToken)
    {
        if (!RunnerLocation.TryParse(location, out var parsed))
            return Refuse(specs, $"unknown runner location '{location}': use local, azure/<region>, aws/<region> or pool/<name>");
        switch (parsed.Kind)
        {
            case RunnerKind.Azure when set.Aci is { } aci && set.Grants is { } grants:
                var started = new ShardLaunch[specs.Count];
                // ARM throttles container-group creation per region and subscription: a few at once, each retried on 429.
                await Parallel.ForEachAsync(Enumerable.Range(0, specs.Count),
                    new ParallelOptions { MaxDegreeOfParallelism = set.AciConcurrentCreations, CancellationToken = cancellationToken },
                    async (i, ct) => started[i] = await LaunchAciAsync(aci, grants, specs[i], parsed.Name!, ct));
                return started;
            case RunnerKind.Azure when set.Aci is not null:
                return Refuse(specs, "the ACI launcher has no storage grants to give its runners (LauncherSet.Grants); the host is misconfigured");
            case RunnerKind.Azure:
                return Refuse(specs, $"no Azure Container Instances launcher for '{location}': configure LoadOps:Aci (SubscriptionId, ResourceGroup, Image)");
            case RunnerKind.Aws when set.Ecs is { } ecs && set.ShardQueue is { } queue:
                if (!string.Equals(parsed.Name, set.EcsRegion, StringComparison.Ordinal))
                    return Refuse(specs, $"the ECS launcher serves aws/{set.EcsRegion} only, not '{location}': set LoadOps:Ecs:Region or change the runner location");
                return await new EcsBatchLaunch(ecs, queue, set.EcsRegion!, set.EcsEnvironment).LaunchAsync(specs, cancellationToken);
            case RunnerKind.Aws:
                return Refuse(specs, $"no ECS launcher for '{location}': configure LoadOps:Ecs (Region, Cluster, TaskDefinition, Subnets)");
            case RunnerKind.Pool when set.Pools.TryGetValue(parsed.Name!, out var pool):
                return await pool.LaunchAllAsync(specs, cancellationToken);
            case RunnerKind.Pool:
                return Refuse(specs, $"no runner pool named '{parsed.Name}' is configured on this host" +
                    (set.Pools.Count == 0 ? "" : $" (known pools: {string.Join(", ", set.Pools.Keys.Order(StringComparer.Ordinal))})"));
            case RunnerKind.Local when set.Local is { } local:
                return await local.LaunchAllAsync(specs, cancellationToken);
            default:
                return Refuse(specs, "this host cannot start 'local' runners (they run under `loadops serve` or `loadops run`); use a cloud location or a pool");
        }
    }

    private static async Task<ShardLaunch> LaunchAciAsync(AciLauncher aci, PoolGrants grants, ShardSpec spec, string region, CancellationToken cancellationToken)
    {
        if (grants.ExpiryOf(spec) is not { } expiresOn)
            return ShardLaunch.Refused($"the run's deadline {spec.Deadline:O} has passed; no runner was started in {region}");
        try
        {
            var work = await grants.CreateAsync(spec, expiresOn, cancellationToken);
            return ShardLaunch.Cloud(AciPrefix + await aci.LaunchAsync(work, region, cancellationToken));
        }
        catch (Azure.RequestFailedException e)
        {
            // Making the runner's grants failed; the SDK's text may quote URLs.
            return ShardLaunch.Refused($"the storage grants for the runner in {region} could not be made ({e.Status} {e.ErrorCode}); " +
                "the host's identity needs Storage Blob/Queue Data Contributor (user delegation SAS) or an account key");
        }
        catch (AciException e)
        {
            return ShardLaunch.Refused($"Azure Container Instances refused the runner in {region}: {e.Message}");
        }
        catch (Azure.Identity.AuthenticationFailedException e)
        {
            return ShardLaunch.Refused($"no Azure token for Container Instances (managed identity or DefaultAzureCredential): {e.Message}");
        }
    }

    private static ShardLaunch[] Refuse(IReadOnlyList<ShardSpec> specs, string reason) =>
        specs.Select(_ => ShardLaunch.Refused(reason)).ToArray();
}
