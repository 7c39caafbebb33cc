using System.Text;
using LoadOps.Core.Importing.Results;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;

namespace LoadOps.Core.Tests.Importing.Results;

public sealed class ImportedResultBuilderTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 10, 0, 2, TimeSpan.Zero);

    [Fact]
    public void Samples_land_in_the_interval_of_their_start()
    {
        var builder = new ImportedResultBuilder();
        builder.Add(new ImportedSample("s", "a", At, 1_000, SampleOutcome.Ok));
        builder.Add(new ImportedSample("s", "a", At.AddSeconds(4), 2_000, SampleOutcome.Status));
        var result = builder.Build(new ImportSettings("jmeter", "t", "r"));
        Assert.Equal([new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 10, 0, 5, TimeSpan.Zero)],
            result.Steps.Single().Intervals.Select(i => i.Start));
        Assert.Equal(At, result.Start);
        Assert.Equal(At.AddSeconds(4).AddMilliseconds(2), result.End);
    }

    [Fact]
    public void Imports_under_one_name_and_run_merge_and_keep_the_approximation()
    {
        var approximate = new ImportedResultBuilder();
        approximate.AddSpread("s", "a", At, 9, 1, [(0.5, 1_000), (1.0, 5_000)]);
        var exact = new ImportedResultBuilder();
        exact.Add(new ImportedSample("s", "a", At, 3_000, SampleOutcome.Ok));
        var settings = new ImportSettings("locust", "t", "run-1");

        var accumulator = new ResultAccumulator();
        Assert.Null(accumulator.Add(exact.Build(settings), "exact.json"));
        // The streamed reader (loadops merge) must carry the field too.
        Assert.Null(accumulator.Add(Encoding.UTF8.GetBytes(LoadOpsJson.Serialize(approximate.Build(settings, "rebuilt"))), "approximate.json"));
        var merged = accumulator.Build();
        Assert.Equal("rebuilt", merged.Approximation);
        Assert.Equal(11, ResultSummarizer.Summarize(merged).Overall.Totals.Total);
    }

    [Fact]
    public void An_exact_result_has_no_approximation_after_a_round_trip()
    {
        var builder = new ImportedResultBuilder();
        builder.Add(new ImportedSample("s", "a", At, 1_000, SampleOutcome.Ok));
        var json = LoadOpsJson.Serialize(builder.Build(new ImportSettings("k6", "t", "r")));
        Assert.Null(LoadOpsJson.Deserialize<ResultFile>(json).Approximation);
    }

    [Fact]
    public void A_sample_without_a_label_is_counted_under_a_shown_name()
    {
        var builder = new ImportedResultBuilder();
        builder.Add(new ImportedSample("", "", At, 1_000, SampleOutcome.Ok));
        Assert.Equal(("(unnamed)", "(unnamed)"), (builder.Build(new ImportSettings("jmeter", "t", "r")).Steps.Single().Scenario, builder.Build(new ImportSettings("jmeter", "t", "r")).Steps.Single().Step));
    }
}
