using LoadOps.Core.Definitions;

namespace LoadOps.Core.Tests.Definitions;

public sealed class ThresholdParserTests
{
    [Theory]
    [InlineData("p95 < 300ms", Metric.P95, Comparison.Less, 300_000)]
    [InlineData("p99<=1.5s", Metric.P99, Comparison.LessOrEqual, 1_500_000)]
    [InlineData("  max > 800us ", Metric.Max, Comparison.Greater, 800)]
    [InlineData("errors <= 1%", Metric.Errors, Comparison.LessOrEqual, 0.01)]
    [InlineData("errors < 0.05", Metric.Errors, Comparison.Less, 0.05)]
    [InlineData("rps >= 150", Metric.Rps, Comparison.GreaterOrEqual, 150)]
    [InlineData("P50 < 2m", Metric.P50, Comparison.Less, 120_000_000)]
    public void Parses_valid_expressions(string text, Metric metric, Comparison comparison, double value)
    {
        Assert.True(ThresholdParser.TryParse(text, out var expression, out var failure), failure?.Message);
        Assert.Equal(new ThresholdExpression(metric, comparison, value), expression);
    }

    [Fact]
    public void Unknown_metric_names_the_closest_known_one()
    {
        Assert.False(ThresholdParser.TryParse("p59 < 300ms", out _, out var failure));
        Assert.Equal("p50", failure!.Suggestion);
        Assert.Equal(0, failure.Offset);
    }

    [Theory]
    [InlineData("p95 = 300ms", 4)]
    [InlineData("p95 300ms", 3)]
    [InlineData("p95 < 300", 6)]
    [InlineData("errors < 101%", 9)]
    [InlineData("rps > fast", 6)]
    [InlineData("", 0)]
    public void Malformed_expressions_point_at_the_problem(string text, int offset)
    {
        Assert.False(ThresholdParser.TryParse(text, out var expression, out var failure));
        Assert.Null(expression);
        Assert.Equal(offset, failure!.Offset);
    }

    [Fact]
    public void Formats_back_to_readable_text()
    {
        Assert.True(ThresholdParser.TryParse("p95 < 300ms", out var expression, out _));
        Assert.Equal("p95 < 300ms", expression!.ToString());
    }
}
