using LoadOps.Core.Definitions;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Results;
using LoadOps.Core.Tests.Results;

namespace LoadOps.Core.Tests.Evaluation;

public sealed class ThresholdEvaluatorTests
{
    // 100 requests of 1..100 ms on 'pay' (9 of them timeouts), 10 requests of 500 ms on 'list', over 10 s.
    private static readonly ResultFile Result = ResultFiles.Shard("a", "local", new Dictionary<(string, int), List<long>>
    {
        [("pay", 0)] = [.. Enumerable.Range(1, 50).Select(i => i * 1_000L)],
        [("pay", 1)] = [.. Enumerable.Range(51, 50).Select(i => i * 1_000L)],
        [("list", 0)] = [.. Enumerable.Repeat(500_000L, 10)],
    });

    private static ThresholdSpec Spec(string text, string? step = null)
    {
        Assert.True(ThresholdParser.TryParse(text, out var expression, out _));
        return new ThresholdSpec(step, expression!, text);
    }

    [Theory]
    [InlineData("p95 < 600ms", null, ThresholdStatus.Pass)]
    [InlineData("p95 < 300ms", null, ThresholdStatus.Fail)]
    [InlineData("p95 < 100ms", "pay", ThresholdStatus.Pass)]
    [InlineData("p95 < 90ms", "pay", ThresholdStatus.Fail)]
    [InlineData("errors < 5%", "list", ThresholdStatus.Pass)]
    [InlineData("errors < 5%", "pay", ThresholdStatus.Fail)]
    [InlineData("rps >= 11", null, ThresholdStatus.Pass)]
    [InlineData("rps > 11", null, ThresholdStatus.Fail)]
    public void Judges_the_run_or_the_named_step(string text, string? step, ThresholdStatus expected)
    {
        var outcome = Assert.Single(ThresholdEvaluator.Evaluate(Result, [Spec(text, step)]));
        Assert.Equal(expected, outcome.Status);
        Assert.NotNull(outcome.Actual);
    }

    [Fact]
    public void Reports_actual_and_limit()
    {
        var outcome = Assert.Single(ThresholdEvaluator.Evaluate(Result, [Spec("p95 < 90ms", "pay")]));
        Assert.InRange(outcome.Actual!.Value, 95_000, 95_100);
        Assert.Equal(90_000, outcome.Limit);
        Assert.Equal("p95 of step 'pay' is 95ms (limit < 90ms): fail.", outcome.Message);
    }

    [Fact]
    public void A_step_without_data_is_no_data_and_names_the_known_steps()
    {
        var outcome = Assert.Single(ThresholdEvaluator.Evaluate(Result, [Spec("p99 < 800ms", "product")]));
        Assert.Equal(ThresholdStatus.NoData, outcome.Status);
        Assert.False(outcome.Passed);
        Assert.Null(outcome.Actual);
        Assert.Contains("no data for step 'product'", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("list, pay", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dropped_on_a_step_or_latency_of_an_empty_run_is_no_data()
    {
        var empty = ResultFiles.Shard("a", "local", new Dictionary<(string, int), List<long>> { [("pay", 0)] = [] });
        var outcomes = ThresholdEvaluator.Evaluate(empty, [Spec("p95 < 1s"), Spec("dropped < 1%", "pay")]);
        Assert.All(outcomes, o => Assert.Equal(ThresholdStatus.NoData, o.Status));
        Assert.Contains("per runner", outcomes[1].Message, StringComparison.Ordinal);
    }
}
