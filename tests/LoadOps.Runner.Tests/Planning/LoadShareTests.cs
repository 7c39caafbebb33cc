using LoadOps.Core.Definitions;
using LoadOps.Core.Planning;

namespace LoadOps.Runner.Tests.Planning;

public sealed class LoadShareTests
{
    [Fact]
    public void Open_model_rates_are_divided_evenly_and_add_up()
    {
        var load = TestShards.Open((30, 100), (60, 250));

        var shares = Enumerable.Range(0, 3).Select(i => LoadShare.For(load, i, 3)).ToList();

        Assert.All(shares, s => Assert.Equal(100 / 3.0, s.Stages[0].Target, 9));
        Assert.Equal(250, shares.Sum(s => s.Stages[1].Target), 9);
        Assert.All(shares, s => Assert.Equal(load.Stages.Select(x => x.Duration), s.Stages.Select(x => x.Duration)));
    }

    [Fact]
    public void Closed_model_users_go_to_the_lowest_indexes_first()
    {
        var load = TestShards.Closed((10, 10), (10, 2));

        var shares = Enumerable.Range(0, 3).Select(i => LoadShare.For(load, i, 3)).ToList();

        Assert.Equal([4.0, 3.0, 3.0], shares.Select(s => s.Stages[0].Target));
        Assert.Equal([1.0, 1.0, 0.0], shares.Select(s => s.Stages[1].Target));
        Assert.Equal(LoadModel.Closed, shares[2].Model);
    }

    [Fact]
    public void A_single_shard_takes_everything()
    {
        var load = TestShards.Closed((5, 7));

        Assert.Equal(7, LoadShare.For(load, 0, 1).Stages[0].Target);
    }

    [Theory]
    [InlineData(-1, 2)]
    [InlineData(2, 2)]
    [InlineData(0, 0)]
    public void Out_of_range_shards_are_programmer_errors(int index, int count) =>
        Assert.ThrowsAny<ArgumentException>(() => LoadShare.For(TestShards.Open((1, 1)), index, count));
}
