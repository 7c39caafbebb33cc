using LoadOps.Core.Definitions;
using LoadOps.Core.Planning;
using LoadOps.Core.Validation;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Tests.Pipeline;

/// <summary>The pipeline reads an <c>engine: jmeter</c> plan from the definition's source and ships it in every shard.</summary>
public sealed class DefinitionLoaderPlanTests : IDisposable
{
    private const string Definition = """
        version: 1
        name: shop-jmeter
        target: { baseUrl: http://127.0.0.1:5080 }
        engine: jmeter
        script: plans/checkout.jmx
        load:
          model: closed
          stages: [{ duration: 10s, users: 3 }]
        runners:
          - { location: aws/us-east-1, count: 2 }
        """;

    private const string Plan = "<jmeterTestPlan version=\"1.2\"><hashTree/></jmeterTestPlan>\n";
    private readonly string _root = Directory.CreateTempSubdirectory("loadops-loader-plan-").FullName;

    private DefinitionLoader Loader(string? plan)
    {
        Directory.CreateDirectory(Path.Combine(_root, "loadtests", "plans"));
        File.WriteAllText(Path.Combine(_root, "loadtests", "shop.loadtest.yaml"), Definition);
        if (plan is not null)
            File.WriteAllText(Path.Combine(_root, "loadtests", "plans", "checkout.jmx"), plan);
        return new DefinitionLoader(new LocalDefinitionSource(_root));
    }

    [Fact]
    public async Task The_plan_rides_in_each_planned_shard_and_is_part_of_the_hash()
    {
        var loaded = Assert.Single(await Loader(Plan).LoadAllAsync("local/repo", null, TestContext.Current.CancellationToken));

        Assert.Equal(Plan, loaded.Definition!.Engine!.Plan);
        Assert.Equal(DefinitionHash.Of(Definition, Plan), loaded.Hash);
        Assert.NotEqual(DefinitionHash.Of(Definition), loaded.Hash);
        var plan = RunPlanner.Plan(loaded.Definition, loaded.Hash, new RunIdentity("r1", "abc", "main"), DateTimeOffset.UnixEpoch);
        Assert.All(plan.Shards, s => Assert.Equal(Plan, s.Definition.Engine!.Plan));
    }

    [Fact]
    public async Task A_missing_plan_makes_the_definition_invalid_with_LO088_at_the_script()
    {
        var loaded = await Loader(null).LoadAsync("local/repo", null, "loadtests/shop.loadtest.yaml", TestContext.Current.CancellationToken);

        Assert.Null(loaded!.Definition);
        Assert.Contains(loaded.Errors, e => e.Code == ValidationCodes.ScriptNotFound && e.File == "loadtests/shop.loadtest.yaml" && e.Line == 5);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
