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
    [InlineData("errors < 1", 9)]
    [InlineData("rps > fast", 6)]
    [InlineData("", 0)]
    public void Malformed_expressions_point_at_the_problem(string text, int offset)
    {
        Assert.False(ThresholdParser.TryParse(text, out var expression, out var failure));
        Assert.Null(expression);
        Assert.Equal(offset, failure!.Offset);
    }

    [Fact]
    public void A_bare_one_for_errors_is_refused_with_the_percentage_to_write()
    {
        // The bug this pins: "errors < 1" validated and meant 100%.
        Assert.False(ThresholdParser.TryParse("errors < 1", out _, out var failure));
        Assert.Contains("write 1% (or the fraction 0.01)", failure!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10%", 0.10)]
    [InlineData("0.10", 0.10)]
    [InlineData("0", 0.0)]
    [InlineData("100%", 1.0)]
    public void Shares_are_a_percentage_or_a_fraction(string text, double expected)
    {
        Assert.True(PercentText.TryParse(text, out var fraction, out var problem), problem);
        Assert.Equal(expected, fraction, 12);
    }

    [Theory]
    [InlineData("10", "write 10%")]
    [InlineData("1", "write 1%")]
    [InlineData("101%", "between 0% and 100%")]
    [InlineData("-1%", "between 0% and 100%")]
    [InlineData("ten", "not a percentage")]
    public void A_share_without_its_unit_or_out_of_range_is_refused_with_the_fix(string text, string fix)
    {
        Assert.False(PercentText.TryParse(text, out _, out var problem));
        Assert.Contains(fix, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Formats_back_to_readable_text()
    {
        Assert.True(ThresholdParser.TryParse("p95 < 300ms", out var expression, out _));
        Assert.Equal("p95 < 300ms", expression!.ToString());
    }
}
