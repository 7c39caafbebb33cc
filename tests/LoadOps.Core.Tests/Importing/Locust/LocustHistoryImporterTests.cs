using System.Globalization;
using LoadOps.Core.Definitions;
using LoadOps.Core.Importing;
using LoadOps.Core.Importing.Locust;
using LoadOps.Core.Results;

namespace LoadOps.Core.Tests.Importing.Locust;

/// <summary>On the stats history Debian's Locust wrote running examples/import/locustfile.py against the sample shop (record-tools.sh).</summary>
public sealed class LocustHistoryImporterTests
{
    private static readonly string Text = ImportFixtures.Read("shop_stats_history.csv");
    private static readonly ResultFile Result = LocustHistoryImporter.Import("stats_history.csv", Text, ImportFixtures.Settings("locust")).Value!;

    [Fact]
    public void Counts_match_the_last_cumulative_totals_per_name()
    {
        var rows = CsvRecords.Read(Text, out _);
        var column = rows[0].Fields.Select((n, i) => (n, i)).ToDictionary(c => c.n, c => c.i);
        foreach (var step in Result.Steps)
        {
            var last = rows.Last(r => r.Fields[column["Name"]] == step.Step);
            Assert.Equal(long.Parse(last.Fields[column["Total Request Count"]], CultureInfo.InvariantCulture), step.Intervals.Sum(i => i.Total));
            Assert.Equal(long.Parse(last.Fields[column["Total Failure Count"]], CultureInfo.InvariantCulture), step.Intervals.Sum(i => i.Failed.Other));
        }
        Assert.Equal(["add-to-cart", "bad-page", "list-products"], Result.Steps.Select(s => s.Step).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_result_is_marked_approximate()
    {
        Assert.Equal(LocustHistoryImporter.Approximation, Result.Approximation);
        Assert.Contains("approximate", Result.Approximation, StringComparison.Ordinal);
    }

    [Fact]
    public void Percentiles_read_back_no_lower_than_locusts_own_at_each_point()
    {
        // One row alone: its new requests spread over its percentiles give those percentiles back (to HdrHistogram precision).
        var header = Text.Split('\n')[0];
        var row = "1796307040,3,GET,list-products,11.0,0.0,9,11,12,13,17,20,25,30,30,30,30,100,0,9,10.5,3,30,500";
        var one = LocustHistoryImporter.Import("h.csv", header + "\n" + row + "\n", ImportFixtures.Settings("locust")).Value!;
        var summary = ResultSummarizer.Summarize(one).Overall;
        Assert.Equal(9_000, summary.Value(Metric.P50)!.Value, 9_000 * 0.002);
        Assert.Equal(17_000, summary.Value(Metric.P90)!.Value, 17_000 * 0.002);
        Assert.Equal(30_000, summary.Value(Metric.Max)!.Value, 30_000 * 0.002);
        Assert.Equal(100, summary.Totals.Total);
    }

    [Fact]
    public void The_stats_summary_instead_of_the_history_is_refused_by_column()
    {
        var problem = LocustHistoryImporter.Import("stats.csv", "Type,Name,Request Count,Failure Count\nGET,/,1,0\n", ImportFixtures.Settings("locust")).Problem!;
        Assert.Equal(1, problem.Line);
        Assert.Contains("'Timestamp'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_count_names_the_line()
    {
        var lines = Text.Split('\n');
        lines[3] = lines[3].Replace(",3,", ",x,", StringComparison.Ordinal);
        var fields = lines[3].Split(',');
        fields[17] = "many";
        lines[3] = string.Join(',', fields);
        var problem = LocustHistoryImporter.Import("h.csv", string.Join('\n', lines), ImportFixtures.Settings("locust")).Problem!;
        Assert.Equal(4, problem.Line);
    }
}
