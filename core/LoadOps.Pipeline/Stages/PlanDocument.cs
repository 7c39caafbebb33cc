using System.Text.Json;
using System.Text.Json.Nodes;
using LoadOps.Core.Serialization;

namespace LoadOps.Pipeline;

/// <summary>
/// The stored form of a <see cref="StoredPlan"/>: the definition once at the top, every shard without it. A plan of a
/// thousand shards would otherwise hold a thousand copies of the same definition. Reading gives every shard its
/// definition back, and also reads plans written before, whose shards each carry their own. A shard whose definition
/// differs from the first one's (only hand-made plans have that) keeps its own. A host older than this reads only plans
/// with a definition in every shard, so all hosts of one storage account move to this version together.
/// </summary>
public static class PlanDocument
{
    private const string DefinitionProperty = "definition";
    private const string ShardsProperty = "shards";

    public static byte[] Serialize(StoredPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var document = JsonSerializer.SerializeToNode(plan, LoadOpsJson.Compact)!.AsObject();
        var shards = document[ShardsProperty]!.AsArray();
        JsonNode? definition = null;
        foreach (var shard in shards.Select(s => s!.AsObject()))
        {
            var own = shard[DefinitionProperty];
            definition ??= own;
            if (JsonNode.DeepEquals(own, definition))
                shard.Remove(DefinitionProperty);
        }
        if (definition is not null)
            document[DefinitionProperty] = definition.DeepClone();
        return JsonSerializer.SerializeToUtf8Bytes(document, LoadOpsJson.Compact);
    }

    public static StoredPlan Deserialize(ReadOnlySpan<byte> json)
    {
        var document = JsonNode.Parse(json)?.AsObject() ?? throw new JsonException("A stored plan is JSON null.");
        if (document[DefinitionProperty] is { } definition)
        {
            document.Remove(DefinitionProperty);
            foreach (var shard in document[ShardsProperty]?.AsArray().Select(s => s!.AsObject()) ?? [])
            {
                if (!shard.ContainsKey(DefinitionProperty))
                    shard[DefinitionProperty] = definition.DeepClone();
            }
        }
        return document.Deserialize<StoredPlan>(LoadOpsJson.Options) ?? throw new JsonException("A stored plan is JSON null.");
    }
}
