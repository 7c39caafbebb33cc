using LoadOps.Core.Data;
using LoadOps.Core.Definitions;
using LoadOps.Core.Planning;

namespace LoadOps.Core.Tests.Planning;

public sealed class DataShareTests
{
    private static DataTable Table(string name, int rows) =>
        new(name, ["id"], Enumerable.Range(1, rows).Select(i => (IReadOnlyList<string>)[$"{i}"]).ToList());

    [Theory]
    [InlineData(10, 3)]
    [InlineData(2, 5)]
    [InlineData(1000, 7)]
    public void Unique_rows_are_split_into_disjoint_ranges_that_cover_the_file(int rows, int shards)
    {
        var sets = new[] { new DataSetSpec("ids", "ids.csv", DataPick.Unique) };
        var shares = Enumerable.Range(0, shards).Select(i => Assert.Single(DataShare.For(sets, [Table("ids", rows)], i, shards))).ToList();
        var all = shares.SelectMany(s => s.Rows.Select(r => r[0])).ToList();
        Assert.Equal(rows, all.Count);
        Assert.Equal(rows, all.Distinct().Count());
        Assert.True(shares.Max(s => s.Rows.Count) - shares.Min(s => s.Rows.Count) <= 1);
        Assert.Equal(shares[^1].FirstRow + shares[^1].Rows.Count, rows);
    }

    [Fact]
    public void Sequential_and_random_sets_go_whole_to_every_shard()
    {
        var sets = new[] { new DataSetSpec("a", "a.csv", DataPick.Sequential), new DataSetSpec("b", "b.csv", DataPick.Random) };
        var share = DataShare.For(sets, [Table("a", 5), Table("b", 4)], 1, 3);
        Assert.Equal([5, 4], share.Select(s => s.Rows.Count));
    }

    [Fact]
    public void The_planner_gives_each_shard_its_share()
    {
        var definition = new LoadTestDefinition
        {
            Name = "t",
            Target = new TargetSpec { BaseUrl = "http://127.0.0.1" },
            Load = new LoadSpec { Model = LoadModel.Open, Stages = [new StageSpec(TimeSpan.FromSeconds(1), 1)] },
            Scenarios = [],
            Runners = [new RunnerSpec("local", 2)],
            Data = [new DataSetSpec("ids", "ids.csv", DataPick.Unique)],
        };
        var plan = RunPlanner.Plan(definition, "h", new RunIdentity("r", null, null), DateTimeOffset.UnixEpoch, null, [Table("ids", 4)]);
        Assert.Equal(["1", "2"], plan.Shards[0].Data[0].Rows.Select(r => r[0]));
        Assert.Equal(["3", "4"], plan.Shards[1].Data[0].Rows.Select(r => r[0]));
    }
}
