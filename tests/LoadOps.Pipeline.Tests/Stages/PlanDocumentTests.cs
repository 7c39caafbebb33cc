using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Serialization;
using LoadOps.Pipeline.Tests.Scene;

namespace LoadOps.Pipeline.Tests.Stages;

/// <summary>The stored plan holds its definition once, gives it back to every shard, and still reads plans written before.</summary>
public sealed class PlanDocumentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(StageScene Scene, StoredPlan Plan)> PlannedAsync(int shards)
    {
        var scene = new StageScene(StageScene.Definition(runners: $"- {{ location: local, count: {shards} }}"));
        var validated = await scene.Stages.Validate.HandleAsync(StageScene.Push("doc-1"), Ct);
        var message = (PlanRun)Assert.Single(validated.Next);
        await scene.Stages.Plan.HandleAsync(message, Ct);
        return (scene, (await scene.Stores.Documents.ReadPlanAsync(message.RunId, Ct))!);
    }

    [Fact]
    public async Task The_stored_plan_holds_the_definition_once_and_every_shard_reads_it_back()
    {
        var (scene, plan) = await PlannedAsync(shards: 20);

        await using var stored = await scene.Stores.Results.OpenResultAsync(ArtifactNames.PlanBlobName(plan.RunId), Ct);
        var document = (await JsonNode.ParseAsync(stored!, cancellationToken: Ct))!.AsObject();

        Assert.NotNull(document["definition"]);
        Assert.All(document["shards"]!.AsArray(), s => Assert.False(s!.AsObject().ContainsKey("definition")));
        Assert.Equal(20, plan.Shards.Count);
        Assert.All(plan.Shards, s => Assert.Equal(StageScene.TestName, s.Definition.Name));
        Assert.True(JsonNode.DeepEquals(document["definition"], JsonSerializer.SerializeToNode(plan.Shards[19].Definition, LoadOpsJson.Options)));
    }

    [Fact]
    public async Task A_plan_written_with_a_definition_in_every_shard_still_reads()
    {
        var (_, plan) = await PlannedAsync(shards: 3);
        var older = Encoding.UTF8.GetBytes(LoadOpsJson.Serialize(plan));

        var read = PlanDocument.Deserialize(older);

        Assert.Equal(plan.Shards.Select(s => s.ShardId), read.Shards.Select(s => s.ShardId));
        Assert.Equal(LoadOpsJson.Serialize(plan), LoadOpsJson.Serialize(read));
    }

    [Fact]
    public async Task A_round_trip_changes_nothing_even_for_a_shard_with_a_definition_of_its_own()
    {
        var (_, plan) = await PlannedAsync(shards: 2);

        Assert.Equal(LoadOpsJson.Serialize(plan), LoadOpsJson.Serialize(PlanDocument.Deserialize(PlanDocument.Serialize(plan))));

        var mixed = plan with { Shards = [plan.Shards[0], plan.Shards[1] with { Definition = plan.Shards[1].Definition with { Name = "other" } }] };
        var read = PlanDocument.Deserialize(PlanDocument.Serialize(mixed));
        Assert.Equal([StageScene.TestName, "other"], read.Shards.Select(s => s.Definition.Name));
    }
}
