using LoadOps.Core.Regression;

namespace LoadOps.Core.Tests.Regression;

public sealed class ChangePointDetectorTests
{
    private static (double[] Values, string[] Labels) Series(int seed, params (int Length, double Level)[] segments)
    {
        var random = new Random(seed);
        var values = segments.SelectMany(s => Enumerable.Range(0, s.Length).Select(_ => s.Level * Summaries.Noise(random, 0.03))).ToArray();
        return (values, [.. values.Select((_, i) => $"commit-{i}")]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Finds_a_single_shift_and_names_the_run_where_it_began(int seed)
    {
        var (values, labels) = Series(seed, (30, 100), (30, 112));
        var point = Assert.Single(ChangePointDetector.Detect(values, labels));
        Assert.InRange(point.Index, 29, 31);
        Assert.Equal(labels[point.Index], point.Label);
        Assert.InRange(point.RelativeChange, 0.08, 0.16);
        Assert.True(point.PValue < 0.01);
    }

    [Fact]
    public void Finds_a_shift_and_its_revert()
    {
        var (values, labels) = Series(4, (25, 100), (25, 120), (25, 100));
        var points = ChangePointDetector.Detect(values, labels);
        Assert.Equal(2, points.Count);
        Assert.InRange(points[0].Index, 24, 26);
        Assert.InRange(points[1].Index, 49, 51);
        Assert.True(points[0].MeanAfter > points[0].MeanBefore);
        Assert.True(points[1].MeanAfter < points[1].MeanBefore);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    public void A_flat_noisy_series_has_no_change_point(int seed)
    {
        var (values, labels) = Series(seed, (60, 100));
        Assert.Empty(ChangePointDetector.Detect(values, labels));
    }

    [Fact]
    public void A_short_series_has_no_change_point()
    {
        Assert.Empty(ChangePointDetector.Detect([1, 1, 5, 5, 5], ["a", "b", "c", "d", "e"]));
    }

    [Fact]
    public void The_divergence_peaks_at_the_true_split()
    {
        double[] steps = [1, 1, 1, 1, 1, 9, 9, 9, 9, 9];
        Assert.Equal(5, ChangePointDetector.BestSplit(steps, 3).Index);
    }
}
