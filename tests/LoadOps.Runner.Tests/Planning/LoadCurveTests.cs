using LoadOps.Core.Definitions;
using LoadOps.Core.Planning;

namespace LoadOps.Runner.Tests.Planning;

public sealed class LoadCurveTests
{
    private static LoadCurve Curve(params (double Seconds, double Value)[] stages) =>
        new(stages.Select(s => new StageSpec(TimeSpan.FromSeconds(s.Seconds), s.Value)).ToList());

    [Fact]
    public void Stages_ramp_linearly_from_the_previous_value_and_from_zero_before_the_first()
    {
        var curve = Curve((10, 100), (10, 100), (5, 0));

        Assert.Equal(0, curve.ValueAt(TimeSpan.Zero), 9);
        Assert.Equal(50, curve.ValueAt(TimeSpan.FromSeconds(5)), 9);
        Assert.Equal(100, curve.ValueAt(TimeSpan.FromSeconds(15)), 9);
        Assert.Equal(40, curve.ValueAt(TimeSpan.FromSeconds(23)), 9);
        Assert.Equal(0, curve.ValueAt(TimeSpan.FromSeconds(26)), 9);
        Assert.Equal(TimeSpan.FromSeconds(25), curve.Duration);
    }

    [Fact]
    public void Arrivals_are_the_integral_of_the_rate()
    {
        var curve = Curve((10, 100), (10, 100), (5, 0));

        Assert.Equal(500, curve.ArrivalsBy(TimeSpan.FromSeconds(10)), 6);
        Assert.Equal(1500, curve.ArrivalsBy(TimeSpan.FromSeconds(20)), 6);
        Assert.Equal(1750, curve.TotalArrivals, 6);
        Assert.Equal(125, curve.ArrivalsBy(TimeSpan.FromSeconds(5)), 6);
    }

    [Fact]
    public void The_nth_arrival_is_due_where_the_integral_reaches_n()
    {
        var curve = Curve((10, 100), (10, 100), (5, 0));

        foreach (var n in new long[] { 0, 1, 7, 124, 125, 499, 500, 1000, 1600, 1749 })
        {
            var at = curve.TimeOfArrival(n);
            Assert.NotNull(at);
            Assert.Equal(n, curve.ArrivalsBy(at.Value), 3);
        }
        Assert.Null(curve.TimeOfArrival(1750));
    }

    [Fact]
    public void Arrival_counts_per_second_follow_a_ramp()
    {
        var curve = Curve((10, 100));
        var perSecond = new int[10];
        for (long n = 0; curve.TimeOfArrival(n) is { } at; n++)
            perSecond[(int)at.TotalSeconds]++;

        // Second k of a 0→100/s ramp over 10 s holds ∫ 10t dt from k to k+1 = 5(2k+1) arrivals.
        for (var k = 0; k < 10; k++)
            Assert.InRange(perSecond[k], (5 * ((2 * k) + 1)) - 1, (5 * ((2 * k) + 1)) + 1);
        Assert.Equal(500, perSecond.Sum());
    }
}
