using HdrHistogram;
using LoadOps.Core.Importing;
using LoadOps.Core.Importing.JMeter;
using LoadOps.Core.Results;

namespace LoadOps.Core.Tests.Importing.JMeter;

/// <summary>On JTLs written by Debian's JMeter running examples/import/shop-plan.jmx against the sample shop (record-tools.sh).</summary>
public sealed class JtlImporterTests
{
    [Theory]
    [InlineData("shop-results.jtl")]
    [InlineData("shop-results.xml.jtl")]
    public void Every_sample_is_counted_by_label_and_failure_kind(string file)
    {
        var result = Import(file);
        var steps = result.Steps.ToDictionary(s => s.Step);
        Assert.Equal(["add-to-cart", "bad-page", "closed-port", "list-products", "product"], steps.Keys.Order(StringComparer.Ordinal));
        Assert.All(steps.Values, s => Assert.Equal("browse", s.Scenario));
        Assert.All(steps.Values, s => Assert.Equal(30, s.Intervals.Sum(i => i.Total)));
        Assert.Equal(30, steps["bad-page"].Intervals.Sum(i => i.Failed.Status));
        Assert.Equal(30, steps["closed-port"].Intervals.Sum(i => i.Failed.Connect));
        Assert.Equal(30, steps["list-products"].Intervals.Sum(i => i.Ok));
        Assert.Null(result.Approximation);
    }

    [Fact]
    public void Histograms_hold_the_samples_exactly_in_microseconds()
    {
        var samples = CsvRecords.Read(ImportFixtures.Read("shop-results.jtl"), out _).Skip(1)
            .Where(r => r.Fields[2] == "product").Select(r => long.Parse(r.Fields[1], System.Globalization.CultureInfo.InvariantCulture) * 1000).ToList();
        var histogram = HistogramCodec.Create();
        foreach (var interval in Import("shop-results.jtl").Steps.Single(s => s.Step == "product").Intervals)
            histogram.Add(HistogramCodec.Decode(interval.Histogram));
        Assert.Equal(samples.Count, histogram.TotalCount);
        Assert.Equal(samples.Max(), histogram.HighestEquivalentValue(histogram.GetMaxValue()), 0.001 * samples.Max());
        Assert.Equal(samples.Sum() / (double)samples.Count, histogram.GetMean(), 0.002 * samples.Average());
    }

    [Fact]
    public void Intervals_start_on_wall_clock_multiples_of_five_seconds()
    {
        var result = Import("shop-results.jtl");
        Assert.All(result.Steps.SelectMany(s => s.Intervals), i => Assert.Equal(0, i.Start.ToUnixTimeMilliseconds() % 5000));
        Assert.True(result.Steps[0].Intervals.Count >= 2, "the plan runs for more than one interval");
    }

    [Fact]
    public void A_bad_elapsed_value_names_the_line()
    {
        var text = "timeStamp,elapsed,label,responseCode,success\n1796306945655,12,a,200,true\n1796306945700,twelve,a,200,true\n";
        var problem = JtlImporter.Import("r.jtl", text, ImportFixtures.Settings("jmeter")).Problem!;
        Assert.Equal(3, problem.Line);
        Assert.StartsWith("r.jtl:3: elapsed 'twelve' is not a whole number", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_headerless_file_of_unknown_columns_says_how_to_save_it()
    {
        var problem = JtlImporter.Import("r.jtl", "1796306945655,12,a\n", ImportFixtures.Settings("jmeter")).Problem!;
        Assert.Equal(1, problem.Line);
        Assert.Contains("print_field_names=true", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_xml_names_the_line_and_column()
    {
        var problem = JtlImporter.Import("r.xml", "<testResults>\n<httpSample t=\"1\" ts=\"1796306945655\" lb=\"a\"\n</testResults>", ImportFixtures.Settings("jmeter")).Problem!;
        Assert.Equal(3, problem.Line);
        Assert.NotNull(problem.Column);
    }

    [Fact]
    public void A_test_plan_given_instead_of_results_is_refused_by_name()
    {
        var problem = JtlImporter.Import("shop-plan.jmx", ImportFixtures.Read("shop-plan.jmx"), ImportFixtures.Settings("jmeter")).Problem!;
        Assert.Contains("not <testResults>", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assertion_failure_on_a_2xx_counts_as_a_check_failure()
    {
        var text = "timeStamp,elapsed,label,responseCode,success\n1796306945655,12,a,200,false\n1796306945656,12,a,Non HTTP response code: java.net.SocketTimeoutException,false\n";
        var failed = JtlImporter.Import("r.jtl", text, ImportFixtures.Settings("jmeter")).Value!.Steps.Single().Intervals.Single().Failed;
        Assert.Equal((1, 1), (failed.Check, failed.Timeout));
    }

    private static ResultFile Import(string file) =>
        JtlImporter.Import(file, ImportFixtures.Read(file), ImportFixtures.Settings("jmeter")).Value!;
}
