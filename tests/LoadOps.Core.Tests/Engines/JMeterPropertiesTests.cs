using LoadOps.Core.Definitions;
using LoadOps.Core.Engines;
using LoadOps.Core.Planning;

namespace LoadOps.Core.Tests.Engines;

/// <summary>Each JMeter shard gets its share of the users like LoadOps' own shards, and the schedule and target as properties.</summary>
public sealed class JMeterPropertiesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 3, 0, 0, TimeSpan.Zero);

    private static RunPlan Plan(int runners, string baseUrl = "http://127.0.0.1:5080", params StageSpec[] stages) => RunPlanner.Plan(new LoadTestDefinition
    {
        Name = "shop-jmeter",
        Target = new TargetSpec { BaseUrl = baseUrl },
        Load = new LoadSpec
        {
            Model = LoadModel.Closed,
            Stages = stages.Length > 0 ? stages : [new StageSpec(TimeSpan.FromSeconds(20), 10), new StageSpec(TimeSpan.FromSeconds(40), 10)],
        },
        Scenarios = [],
        Engine = new EngineSpec(EngineKind.JMeter, "plans/checkout.jmx") { Plan = "<jmeterTestPlan/>" },
        Runners = [new RunnerSpec("local", runners)],
    }, "hash", new RunIdentity("r1", null, "main"), Now);

    private static Dictionary<string, string> Properties(ShardSpec shard) => JMeterProperties.For(shard).ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void Users_are_split_with_the_remainder_on_the_first_shards_and_add_up()
    {
        var shards = Plan(3).Shards;

        Assert.Equal(["4", "3", "3"], shards.Select(s => Properties(s)["threads"]));
        Assert.Equal(["0", "1", "2"], shards.Select(s => Properties(s)["shard"]));
        Assert.All(shards, s => Assert.Equal("3", Properties(s)["shards"]));
    }

    [Fact]
    public void Ramp_up_lasts_until_the_peak_is_first_reached_and_duration_is_every_stage()
    {
        var properties = Properties(Plan(1).Shards[0]);

        Assert.Equal("20", properties["rampup"]);
        Assert.Equal("60", properties["duration"]);
    }

    [Fact]
    public void A_ramp_in_steps_counts_every_stage_up_to_the_peak_in_whole_seconds()
    {
        var properties = Properties(Plan(1, "http://127.0.0.1:5080", new StageSpec(TimeSpan.FromSeconds(10), 5),
            new StageSpec(TimeSpan.FromMilliseconds(2500), 8), new StageSpec(TimeSpan.FromSeconds(30), 8)).Shards[0]);

        Assert.Equal("8", properties["threads"]);
        Assert.Equal("13", properties["rampup"]);
        Assert.Equal("43", properties["duration"]);
    }

    [Fact]
    public void The_target_is_taken_apart_with_default_ports_filled_in()
    {
        var properties = Properties(Plan(1, "https://shop.staging.example.com/v2/").Shards[0]);

        Assert.Equal(("https", "shop.staging.example.com", "443", "/v2"),
            (properties["protocol"], properties["host"], properties["port"], properties["path"]));
    }

    [Fact]
    public void More_runners_than_users_leaves_the_last_shards_without_threads()
    {
        var shards = Plan(12).Shards;

        Assert.Equal(10, shards.Sum(JMeterProperties.Threads));
        Assert.Equal(0, JMeterProperties.Threads(shards[^1]));
    }
}
