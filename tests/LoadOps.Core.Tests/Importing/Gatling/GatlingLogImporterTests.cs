using LoadOps.Core.Importing.Gatling;
using LoadOps.Core.Results;

namespace LoadOps.Core.Tests.Importing.Gatling;

/// <summary>On examples/import/gatling-simulation.log, hand-made to Gatling 3.x's text simulation.log (tab-separated RUN/USER/REQUEST records).</summary>
public sealed class GatlingLogImporterTests
{
    private static readonly ResultFile Result = GatlingLogImporter.Import("simulation.log", ImportFixtures.Read("gatling-simulation.log"), ImportFixtures.Settings("gatling")).Value!;

    [Fact]
    public void Requests_are_grouped_by_group_or_simulation()
    {
        Assert.Equal([("ShopSimulation", "list-products"), ("catalogue", "product")], Result.Steps.Select(s => (s.Scenario, s.Step)).Order());
        Assert.All(Result.Steps, s => Assert.Equal(30, s.Intervals.Sum(i => i.Total)));
    }

    [Fact]
    public void Ko_requests_count_by_the_reason_in_their_message()
    {
        var product = Result.Steps.Single(s => s.Step == "product").Intervals.Sum(i => i.Failed.Status);
        var timeouts = Result.Steps.Single(s => s.Step == "list-products").Intervals.Sum(i => i.Failed.Timeout);
        Assert.Equal((3, 1), (product, timeouts));
    }

    [Theory]
    [InlineData("REQUEST\t\tname\t1796119200300\tOK\n", 1)]
    [InlineData("RUN\tsim\tid\t1796119200000\t \t3.9.5\nREQUEST\t\tname\t1796119200300\t1796119200200\tOK\t \n", 2)]
    public void A_broken_request_record_names_its_line(string text, int line) =>
        Assert.Equal(line, GatlingLogImporter.Import("simulation.log", text, ImportFixtures.Settings("gatling")).Problem!.Line);

    [Fact]
    public void A_binary_log_of_newer_gatling_is_refused_with_the_reason()
    {
        var problem = GatlingLogImporter.Import("simulation.log", "\u0000\u0001\u0002RUN", ImportFixtures.Settings("gatling")).Problem!;
        Assert.Contains("binary", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_gatling_2_layout_is_read_too()
    {
        var text = "sim\t1\tREQUEST\t\thome\t1796119200000\t1796119200004\t1796119200010\t1796119200020\tOK\t \n";
        var result = GatlingLogImporter.Import("simulation.log", text, ImportFixtures.Settings("gatling")).Value!;
        Assert.Equal(("sim", "home", 1L), (result.Steps.Single().Scenario, result.Steps.Single().Step, result.Steps.Single().Intervals.Single().Ok));
    }
}
