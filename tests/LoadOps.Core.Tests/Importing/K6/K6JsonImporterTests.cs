using LoadOps.Core.Importing.K6;
using LoadOps.Core.Results;

namespace LoadOps.Core.Tests.Importing.K6;

/// <summary>On examples/import/k6-out.json, hand-made to k6's documented --out json format (Metric and Point lines).</summary>
public sealed class K6JsonImporterTests
{
    private static readonly ResultFile Result = K6JsonImporter.Import("k6-out.json", ImportFixtures.Read("k6-out.json"), ImportFixtures.Settings("k6")).Value!;

    [Fact]
    public void Each_http_req_duration_point_is_one_request_of_its_name_tag()
    {
        var steps = Result.Steps.ToDictionary(s => s.Step);
        Assert.Equal(["add-to-cart", "list-products"], steps.Keys.Order(StringComparer.Ordinal));
        Assert.All(steps.Values, s => Assert.Equal(24, s.Intervals.Sum(i => i.Total)));
        Assert.All(steps.Values, s => Assert.Equal("default", s.Scenario));
    }

    [Fact]
    public void Unexpected_responses_count_by_kind()
    {
        FailureCounts Failed(string step) => Result.Steps.Single(s => s.Step == step).Intervals.Select(i => i.Failed).Aggregate(FailureCounts.None, (a, b) => a.Add(b));
        Assert.Equal(3, Failed("add-to-cart").Status);
        Assert.Equal((1, 1, 0), (Failed("list-products").Connect, Failed("list-products").Timeout, Failed("list-products").Status));
    }

    [Fact]
    public void The_two_second_timeout_is_the_slowest_latency()
    {
        var summary = ResultSummarizer.Summarize(Result);
        Assert.Equal(2_000_000, summary.Overall.Value(LoadOps.Core.Definitions.Metric.Max)!.Value, 2_000_000 * 0.001);
    }

    [Fact]
    public void A_line_that_is_not_json_names_the_line_and_column()
    {
        var text = ImportFixtures.Read("k6-out.json").Split('\n');
        text[4] = "{\"type\":\"Point\",\"metric\":\"http_req_duration\",\"data\":{\"time\":";
        var problem = K6JsonImporter.Import("out.json", string.Join('\n', text), ImportFixtures.Settings("k6")).Problem!;
        Assert.Equal(5, problem.Line);
        Assert.NotNull(problem.Column);
    }

    [Fact]
    public void A_point_without_a_value_names_the_field()
    {
        var text = "{\"type\":\"Point\",\"metric\":\"http_req_duration\",\"data\":{\"time\":\"2026-12-01T10:00:00Z\",\"tags\":{}}}\n";
        var problem = K6JsonImporter.Import("out.json", text, ImportFixtures.Settings("k6")).Problem!;
        Assert.Equal(("$.data.value", 1), (problem.JsonPath, problem.Line));
    }

    [Fact]
    public void Gzipped_output_is_refused_with_how_to_unpack_it()
    {
        var problem = K6JsonImporter.Import("out.json.gz", "\u001f\u008b\u0008", ImportFixtures.Settings("k6")).Problem!;
        Assert.Contains("gunzip", problem.Fix, StringComparison.Ordinal);
    }
}
