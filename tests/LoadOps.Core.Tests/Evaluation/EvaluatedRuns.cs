using LoadOps.Core.Definitions;
using LoadOps.Core.Results;
using LoadOps.Core.Tests.Results;

namespace LoadOps.Core.Tests.Evaluation;

/// <summary>Merged runs of a one-step test whose latencies centre on a given value, for evaluation and report tests.</summary>
internal static class EvaluatedRuns
{
    public static (ResultFile Run, ResultSummary Summary) Run(string runId, double medianMs, int seed, string location = "local", TrustIssue? issue = null)
    {
        var random = new Random(seed);
        // Run-to-run noise of about 2%, as a quiet test environment shows.
        var scale = 1 + ((random.NextDouble() - 0.5) * 0.04);
        var latencies = new Dictionary<(string Step, int Interval), List<long>>();
        for (var interval = 0; interval < 6; interval++)
        {
            latencies[("buy", interval)] = [.. Enumerable.Range(0, 200)
                .Select(_ => (long)(medianMs * 1000 * scale * (0.7 + (random.NextDouble() * 0.6))))];
        }
        var shard = ResultFiles.Shard($"{runId}-s000", location, latencies, runId: runId);
        var accumulator = new ResultAccumulator();
        Assert.Null(accumulator.Add(shard, "test"));
        var merged = accumulator.Build();
        if (issue is not null)
            merged = merged with { TrustIssues = [issue] };
        return (merged, ResultSummarizer.Summarize(merged));
    }

    public static LoadTestDefinition Definition(BaselineSpec? baseline = null, params string[] thresholds) => new()
    {
        Name = "checkout",
        Target = new TargetSpec { BaseUrl = "http://127.0.0.1:5080" },
        Load = new LoadSpec { Model = LoadModel.Open, Stages = [new StageSpec(TimeSpan.FromSeconds(30), 10)] },
        Scenarios = [new ScenarioSpec("main", 1, [new StepSpec { Name = "buy", Method = "POST", Path = "/api/cart" }])],
        Thresholds = thresholds.Select(Threshold).ToList(),
        Baseline = baseline,
    };

    private static ThresholdSpec Threshold(string text)
    {
        Assert.True(ThresholdParser.TryParse(text, out var expression, out _));
        return new ThresholdSpec(null, expression!, text);
    }
}
