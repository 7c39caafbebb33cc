using HdrHistogram;
using LoadOps.Core.Results;
using LoadOps.Runner.Recording;

namespace LoadOps.Runner.Tests.Recording;

public sealed class TrustRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static List<HealthSample> Cpu(params double[] cpu) =>
        cpu.Select((c, i) => new HealthSample { Start = At.AddSeconds(5 * i), Cpu = c }).ToList();

    private static LongHistogram Lags(long lagMicroseconds, int count)
    {
        var histogram = new LongHistogram(1, HistogramCodec.HighestTrackable, 2);
        histogram.RecordValueWithCount(lagMicroseconds, count);
        return histogram;
    }

    [Fact]
    public void A_runner_busy_in_most_intervals_is_saturated()
    {
        var issues = TrustRules.Evaluate(Cpu(0.9, 0.95, 0.5, 0.99), Lags(1_000, 10), "s0").ToList();

        Assert.Equal("runner-saturated", Assert.Single(issues).Code);
        Assert.Contains("3 of 4 intervals", issues[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Busy_in_a_minority_of_intervals_or_a_single_one_is_not_saturated()
    {
        Assert.Empty(TrustRules.Evaluate(Cpu(0.9, 0.5, 0.5, 0.99), Lags(1_000, 10), "s0"));
        Assert.Empty(TrustRules.Evaluate(Cpu(0.99), Lags(1_000, 10), "s0"));
    }

    [Fact]
    public void Arrivals_sent_late_at_p99_break_the_schedule()
    {
        var lags = Lags(1_000, 980);
        lags.RecordValueWithCount(250_000, 20);

        var issue = Assert.Single(TrustRules.Evaluate(Cpu(0.2, 0.2), lags, "s0"));

        Assert.Equal("schedule-lag", issue.Code);
        Assert.Equal("s0", issue.ShardId);
        Assert.Empty(TrustRules.Evaluate(Cpu(0.2, 0.2), Lags(99_000, 1000), "s0"));
    }
}
