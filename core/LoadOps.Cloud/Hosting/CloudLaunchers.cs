using Azure.Core;
using Azure.Identity;
using LoadOps.Cloud.Aci;
using LoadOps.Cloud.Ecs;
using LoadOps.Cloud.Http;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Pools;
using LoadOps.Cloud.Storage;
using LoadOps.Cloud.Telemetry;
using LoadOps.Pipeline;
using Microsoft.Extensions.Configuration;

namespace LoadOps.Cloud.Hosting;

/// <summary>
/// The cloud launchers built from configuration: ACI when <c>LoadOps:Aci</c> is present, ECS when <c>LoadOps:Ecs</c>
/// is, and a <see cref="PoolLauncher"/> for each pool under <c>LoadOps:Pools:&lt;name&gt;</c> (a
/// <see cref="PoolLauncherRegistration"/> of the same name registered in the container wins). A section that is
/// present but incomplete stops the app at start with every problem named. The container disposes it with the host,
/// which closes the pools' Service Bus connections.
/// </summary>
internal sealed class CloudLaunchers : IDisposable, IAsyncDisposable
{
    /// <param name="http">The named clients of <see cref="OutboundHttp"/>: each outside system's calls go through its own pipeline.</param>
    public CloudLaunchers(
        IConfiguration configuration, StorageClients clients, IEnumerable<PoolLauncherRegistration> pools, IHttpClientFactory http, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(http);
        var problems = new List<string>();
        var telemetry = RunnerTelemetry.Environment(configuration, problems);
        var aciSection = configuration.GetSection(AciOptions.SectionName);
        if (IsFilledIn(aciSection))
        {
            var bound = aciSection.Get<AciOptions>() ?? new AciOptions();
            var options = bound with { Environment = RunnerTelemetry.Merge(bound.Environment, telemetry) };
            problems.AddRange(options.Problems());
            TokenCredential credential = options.ManagedIdentityClientId is { Length: > 0 } clientId
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
                : new DefaultAzureCredential();
            Aci = new AciLauncher(new ArmRestClient(http.CreateClient(OutboundHttp.Arm), credential, options), options);
        }

        var ecsSection = configuration.GetSection(EcsOptions.SectionName);
        EcsOptions? ecs = null;
        if (IsFilledIn(ecsSection))
        {
            ecs = ecsSection.Get<EcsOptions>() ?? new EcsOptions();
            problems.AddRange(ecs.Problems());
            var endpoint = ecs.Endpoint ?? (ecs.Region.Length > 0 ? EcsJsonClient.DefaultEndpoint(ecs.Region) : new Uri("https://invalid/"));
            Ecs = new EcsLauncher(new EcsJsonClient(http.CreateClient(OutboundHttp.Ecs), endpoint, ecs.Region, AwsCredentialsFor(ecs, http, clock), clock), ecs);
        }

        var (poolOptions, poolProblems) = PoolOptionsReader.Read(configuration.AsEnumerable());
        problems.AddRange(poolProblems);
        var registered = pools.ToDictionary(p => p.Name, p => p.Launcher, StringComparer.Ordinal);
        if (poolOptions.Count > 0)
        {
            var poolLauncher = PoolLauncher.Create(clients, poolOptions, clock);
            PoolLauncher = poolLauncher;
            foreach (var name in poolOptions.Keys)
                registered.TryAdd(name, poolLauncher);
        }

        if (problems.Count > 0)
            throw new InvalidOperationException("Launcher configuration is incomplete: " + string.Join(" ", problems));

        var grants = new PoolGrants(clients, clock);
        Set = new LauncherSet
        {
            Aci = Aci,
            Grants = grants,
            Ecs = Ecs,
            EcsRegion = ecs?.Region,
            EcsEnvironment = RunnerTelemetry.Merge(ecs?.Environment ?? new Dictionary<string, string>(), telemetry),
            ShardQueue = Ecs is null ? null : new ShardQueueWriter(clients, grants, clock),
            Pools = registered,
        };
        Teardown = new RunnerTeardown(Aci, Ecs);
    }

    /// <summary>The principal's keys from options (Key Vault references) or the environment; the launcher role when set.</summary>
    private static IAwsCredentialSource AwsCredentialsFor(EcsOptions ecs, IHttpClientFactory http, TimeProvider clock)
    {
        IAwsCredentialSource principal = ecs.AccessKeyId is { Length: > 0 } id
            ? new EnvironmentCredentialSource(name => name switch
            {
                "AWS_ACCESS_KEY_ID" => id,
                "AWS_SECRET_ACCESS_KEY" => ecs.SecretAccessKey,
                _ => null,
            })
            : new EnvironmentCredentialSource();
        return ecs.RoleArn is { Length: > 0 } role
            ? new AssumeRoleCredentialSource(http.CreateClient(OutboundHttp.Sts), principal, role, ecs.ExternalId, ecs.Region, clock, ecs.StsEndpoint)
            : principal;
    }

    public AciLauncher? Aci { get; }
    public EcsLauncher? Ecs { get; }

    /// <summary>The launcher of the pools under <c>LoadOps:Pools</c> (null without any); owned here, disposed with this.</summary>
    public PoolLauncher? PoolLauncher { get; }
    public LauncherSet Set { get; }
    public RunnerTeardown Teardown { get; }

    /// <summary>True when at least one launcher (cloud or pool) can start runners.</summary>
    public bool Any => Aci is not null || Ecs is not null || Set.Pools.Count > 0;

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public ValueTask DisposeAsync() => PoolLauncher?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>
    /// A section with at least one non-empty setting. One whose settings are all empty (what the Bicep template deploys
    /// without a runner image) counts as absent; a half-filled one is an error that names what is missing.
    /// </summary>
    private static bool IsFilledIn(IConfigurationSection section) =>
        section.AsEnumerable().Any(setting => !string.IsNullOrEmpty(setting.Value));
}
