using LoadOps.Core.Cost;
using LoadOps.Core.Definitions;
using LoadOps.Core.Planning;

namespace LoadOps.Core.Tests.Cost;

public sealed class CostEstimatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<ShardSpec> Shards(params RunnerSpec[] runners) => RunPlanner.Plan(new LoadTestDefinition
    {
        Name = "checkout",
        Target = new TargetSpec { BaseUrl = "http://127.0.0.1:5080" },
        Load = new LoadSpec { Model = LoadModel.Open, Stages = [new StageSpec(TimeSpan.FromMinutes(4), 50)] },
        Scenarios = [new ScenarioSpec("browse", 1, [new StepSpec { Name = "list", Method = "GET", Path = "/" }])],
        Runners = runners,
    }, "hash", new RunIdentity("r1"), Now).Shards;

    [Fact]
    public void Prices_each_location_by_exact_name_then_scheme_and_adds_start_up_minutes()
    {
        var prices = new PriceTable(new Dictionary<string, decimal> { ["azure/westeurope"] = 0.02m, ["aws"] = 0.01m }, "EUR");

        var estimate = CostEstimator.Estimate(Shards(new("azure/westeurope", 2), new("aws/us-east-1", 3), new("local", 1)), prices, TimeSpan.FromMinutes(1));

        Assert.Equal(["aws/us-east-1", "azure/westeurope", "local"], estimate.Lines.Select(l => l.Location));
        Assert.Equal([15.0, 10.0, 5.0], estimate.Lines.Select(l => l.RunnerMinutes));
        Assert.Equal([0.15m, 0.20m, 0m], estimate.Lines.Select(l => l.Cost));
        Assert.Equal(0.35m, estimate.Total);
        Assert.Equal(30.0, estimate.RunnerMinutes);
        Assert.Empty(estimate.Unpriced);
        Assert.StartsWith("est. 30.0 runner-minutes, 0.35 EUR (aws/us-east-1 0.15, azure/westeurope 0.20, local 5.0 min, no price)", estimate.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cloud_location_without_a_price_is_named_as_unpriced()
    {
        var estimate = CostEstimator.Estimate(Shards(new("azure/eastus", 1), new("pool/lab", 2)), PriceTable.Empty, TimeSpan.Zero);

        Assert.Equal(["azure/eastus"], estimate.Unpriced);
        Assert.Equal(0m, estimate.Total);
        Assert.Contains("not priced: azure/eastus (set LoadOps:Cost:Prices)", estimate.Describe(), StringComparison.Ordinal);
    }
}
