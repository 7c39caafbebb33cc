using System.Text.Json.Nodes;

namespace LoadOps.Functions.Tests.Webhook;

/// <summary>Replaces one random value of a JSON document by a value of another kind (the type confusions a parser must survive).</summary>
internal static class JsonMutator
{
    public static string Mutate(string json, Random random)
    {
        var root = JsonNode.Parse(json)!;
        var nodes = new List<(JsonNode Parent, object Key)>();
        Collect(root, nodes);
        var (parent, key) = nodes[random.Next(nodes.Count)];
        var replacement = Replacement(random);
        if (parent is JsonObject obj)
            obj[(string)key] = replacement;
        else
            ((JsonArray)parent)[(int)key] = replacement;
        return root.ToJsonString();
    }

    private static void Collect(JsonNode node, List<(JsonNode, object)> into)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    into.Add((obj, name));
                    if (child is not null)
                        Collect(child, into);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    into.Add((array, i));
                    if (array[i] is { } child)
                        Collect(child, into);
                }
                break;
        }
    }

    private static JsonNode? Replacement(Random random) => random.Next(10) switch
    {
        0 => null,
        1 => JsonValue.Create(long.MaxValue),
        2 => JsonValue.Create(-1),
        3 => JsonValue.Create(1e308),
        4 => JsonValue.Create(""),
        5 => JsonValue.Create(new string('x', random.Next(1, 70_000))),
        6 => new JsonArray(JsonValue.Create(1), JsonValue.Create("a")),
        7 => new JsonObject { ["full_name"] = "a/b/c", ["sha"] = 7 },
        8 => JsonValue.Create(random.Next(2) == 0),
        _ => JsonValue.Create("/loadtest " + (random.Next(3) switch { 0 => "run ../../etc", 1 => "approve zzzz", _ => "run " + new string('a', 64) })),
    };
}
