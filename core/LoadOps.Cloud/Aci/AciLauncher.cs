using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;
using LoadOps.Core.Serialization;

namespace LoadOps.Cloud.Aci;

/// <summary>
/// Starts, watches and deletes runner container groups on Azure Container Instances: one group per shard, restart
/// policy Never. The runner's work item (the spec plus the SAS grants to upload its result and send ShardDone, see
/// <see cref="PoolWorkItem"/>) is the secure value <see cref="WorkVariable"/>, which the image's default command
/// (<c>loadops-runner shard</c>) runs; no storage key goes into the group. The spec alone is also in
/// <see cref="SpecVariable"/> (plain, for a person reading the group). Secrets are secure values. Groups are tagged
/// with the run and shard so a person can find them in the portal.
/// </summary>
public sealed class AciLauncher(ArmRestClient arm, AciOptions options)
{
    /// <summary>The environment variable holding the shard spec as compact JSON.</summary>
    public const string SpecVariable = "LOADOPS_SHARD_SPEC";

    /// <summary>The secure environment variable holding the <see cref="PoolWorkItem"/> as compact JSON (it carries SAS grants).</summary>
    public const string WorkVariable = "LOADOPS_WORK";
    public const string ContainerName = "runner";
    private const string Provider = "Microsoft.ContainerInstance/containerGroups";

    /// <summary>A valid, unique group name for a shard: lowercase letters, digits and dashes, at most 63 characters.</summary>
    public static string GroupName(ShardSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return GroupName(spec.ShardId);
    }

    /// <summary>The group name of a shard id: known before the launch, so a crash mid-launch leaves nothing unfindable.</summary>
    public static string GroupName(string shardId)
    {
        ArgumentException.ThrowIfNullOrEmpty(shardId);
        var text = new StringBuilder("lo-");
        foreach (var c in shardId.ToLowerInvariant())
            text.Append(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '-');
        var name = text.ToString().TrimEnd('-');
        if (name.Length <= 63)
            return name;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(shardId)))[..10];
        return name[..52].TrimEnd('-') + "-" + hash;
    }

    public string ResourceId(string groupName) =>
        $"/subscriptions/{Uri.EscapeDataString(options.SubscriptionId)}/resourceGroups/{Uri.EscapeDataString(options.ResourceGroup)}/providers/{Provider}/{groupName}";

    /// <summary>Creates the shard's container group in <paramref name="region"/>; returns its resource id.</summary>
    public async Task<string> LaunchAsync(PoolWorkItem work, string region, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        var id = ResourceId(GroupName(work.Spec));
        var response = await arm.SendAsync(HttpMethod.Put, id, GroupBody(work, region), notFoundIsNull: false, cancellationToken);
        var state = ReadState(id, response!);
        if (state.ProvisioningState == "Failed")
            throw new AciException("ProvisioningFailed", state.Detail ?? "the container group failed to provision", 200);
        return id;
    }

    public async Task<AciGroupState> GetStateAsync(string resourceId, CancellationToken cancellationToken)
    {
        var response = await arm.SendAsync(HttpMethod.Get, resourceId, null, notFoundIsNull: true, cancellationToken);
        return response is null ? new AciGroupState(resourceId, "NotFound", null, null, "the container group does not exist") : ReadState(resourceId, response);
    }

    /// <summary>Deletes the group (stopping its container); false if it was already gone.</summary>
    public async Task<bool> DeleteAsync(string resourceId, CancellationToken cancellationToken) =>
        await arm.SendAsync(HttpMethod.Delete, resourceId, null, notFoundIsNull: true, cancellationToken) is not null;

    internal JsonObject GroupBody(PoolWorkItem work, string region)
    {
        var spec = work.Spec;
        var environment = new JsonArray
        {
            Variable(SpecVariable, JsonSerializer.Serialize(spec, LoadOpsJson.Compact), secure: false),
            Variable(WorkVariable, JsonSerializer.Serialize(work, LoadOpsJson.Compact), secure: true),
        };
        foreach (var (name, value) in options.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
            environment.Add(Variable(name, value, secure: false));
        foreach (var (name, value) in options.Secrets.OrderBy(e => e.Key, StringComparer.Ordinal))
            environment.Add(Variable("LOADOPS_SECRET_" + name, value, secure: true));

        var container = new JsonObject
        {
            ["image"] = options.Image,
            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = options.Cpu, ["memoryInGB"] = options.MemoryGb } },
            ["environmentVariables"] = environment,
        };
        if (options.Command.Count > 0)
            container["command"] = new JsonArray(options.Command.Select(c => (JsonNode)c!).ToArray());

        var group = new JsonObject
        {
            ["location"] = region,
            ["tags"] = new JsonObject { ["loadops-run"] = spec.RunId, ["loadops-shard"] = spec.ShardId },
            ["properties"] = new JsonObject
            {
                ["osType"] = "Linux",
                ["restartPolicy"] = "Never",
                ["containers"] = new JsonArray(new JsonObject { ["name"] = ContainerName, ["properties"] = container }),
            },
        };
        if (options.RunnerIdentityResourceId is { Length: > 0 } identity)
            group["identity"] = new JsonObject { ["type"] = "UserAssigned", ["userAssignedIdentities"] = new JsonObject { [identity] = new JsonObject() } };
        return group;
    }

    private static JsonObject Variable(string name, string value, bool secure) =>
        secure ? new JsonObject { ["name"] = name, ["secureValue"] = value } : new JsonObject { ["name"] = name, ["value"] = value };

    private static AciGroupState ReadState(string id, JsonNode group)
    {
        try
        {
            var properties = group["properties"];
            var current = properties?["containers"]?.AsArray().FirstOrDefault()?["properties"]?["instanceView"]?["currentState"];
            return new AciGroupState(
                id,
                properties?["provisioningState"]?.GetValue<string>() ?? "Unknown",
                properties?["instanceView"]?["state"]?.GetValue<string>(),
                current?["exitCode"]?.GetValue<int>(),
                current?["detailStatus"]?.GetValue<string>());
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new AciException("MalformedResponse", $"the container group {id} came back in an unexpected shape: {e.Message}", 200);
        }
    }
}
