using LoadOps.Core.Reports.Trends;

namespace LoadOps.Core.Tests.Reports.Trends;

/// <summary>A history of eight runs on main whose p95 steps from about 20 ms to about 30 ms at the fifth run, which was accepted.</summary>
internal static class TrendSamples
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 3, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<TrendEntry> Shifted()
    {
        double[] p95 = [20_100, 19_800, 20_300, 19_900, 30_200, 29_700, 30_400, 29_900];
        return [.. p95.Select((value, i) => new TrendEntry($"run-{i + 1}", Start.AddDays(i))
        {
            Commit = $"c{i + 1}aaaaaaabbbb",
            Branch = "main",
            Trigger = i % 2 == 0 ? "schedule" : "push",
            Verdict = i == 4 ? "regression" : "pass",
            Accepted = i == 4,
            P50 = value / 2,
            P95 = value,
            P99 = value * 1.5,
            Rps = 100 - i,
            Errors = i == 7 ? 0.02 : 0.0,
            Requests = 6000,
        })];
    }
}
