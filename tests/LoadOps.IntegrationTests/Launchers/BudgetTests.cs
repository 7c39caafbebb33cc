using LoadOps.Cloud.Cost;
using LoadOps.Core.Definitions;
using LoadOps.IntegrationTests.Storage;
using LoadOps.Pipeline;
using LoadOps.Pipeline.Cost;

namespace LoadOps.IntegrationTests.Launchers;

/// <summary>The cost estimate before dispatch and the monthly budget of a repository.</summary>
public sealed class BudgetTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // AciTestSpecs plans one minute of load; one start-up minute: 2 runner-minutes per runner.
    private static CostOptions Cost(decimal? budget) => new()
    {
        Prices = new(StringComparer.OrdinalIgnoreCase) { ["azure"] = 0.5m, ["aws/us-east-1"] = 0.25m },
        MonthlyBudget = budget,
        StartupMinutes = 1,
    };

    [Fact]
    public async Task The_estimate_is_recorded_on_the_run_and_charged_once()
    {
        await using var rig = await LauncherRig.StartAsync(azurite, Ct, Cost(budget: 100));
        var runId = TestRuns.NewRunId();
        await rig.PlanRunAsync(runId, Ct, null, new RunnerSpec("azure/westeurope", 2), new RunnerSpec("aws/us-east-1", 2));

        await rig.DispatchAsync(runId, Ct);
        await rig.DispatchAsync(runId, Ct);

        var run = (await rig.Runs.GetAsync(runId, Ct))!;
        Assert.Equal(8.0, run.EstimatedRunnerMinutes);
        Assert.Equal(3.0, run.EstimatedCost);
        Assert.Equal("USD", run.CostCurrency);
        Assert.StartsWith("est. 8.0 runner-minutes, 3.00 USD (aws/us-east-1 1.00, azure/westeurope 2.00)", run.CostEstimate, StringComparison.Ordinal);
        var spend = new SpendStore(rig.Clients);
        Assert.Equal(3m, await spend.MonthToDateAsync("octo/shop", RunCostGate.Month(DateTimeOffset.UtcNow), null, Ct));
    }

    [Fact]
    public async Task A_run_that_would_exceed_the_monthly_budget_is_refused_naming_budget_spend_and_estimate()
    {
        await using var rig = await LauncherRig.StartAsync(azurite, Ct, Cost(budget: 10));
        var month = RunCostGate.Month(DateTimeOffset.UtcNow);
        await new SpendStore(rig.Clients).ChargeAsync("octo/shop", month, "earlier-run", 9m, Ct);
        var runId = TestRuns.NewRunId();
        await rig.PlanRunAsync(runId, Ct, null, new RunnerSpec("azure/westeurope", 2));

        await rig.DispatchAsync(runId, Ct);

        var run = (await rig.Runs.GetAsync(runId, Ct))!;
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("monthly budget of 10.00 USD for octo/shop", run.StatusReason, StringComparison.Ordinal);
        Assert.Contains("month-to-date spend 9.00 USD + this run's estimate 2.00 USD = 11.00 USD", run.StatusReason, StringComparison.Ordinal);
        Assert.Empty(rig.Cloud.Server.Requests);
        Assert.All(await rig.Shards.ListAsync(runId, Ct), s => Assert.Equal(ShardStatus.Pending, s.Status));
    }

    [Fact]
    public async Task A_budget_cannot_be_checked_against_an_unpriced_cloud_location()
    {
        await using var rig = await LauncherRig.StartAsync(azurite, Ct, Cost(budget: 10));
        var runId = TestRuns.NewRunId();
        await rig.PlanRunAsync(runId, Ct, null, new RunnerSpec("aws/eu-west-1", 1));

        await rig.DispatchAsync(runId, Ct);

        var run = (await rig.Runs.GetAsync(runId, Ct))!;
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("no price per runner-minute for aws/eu-west-1", run.StatusReason, StringComparison.Ordinal);
    }
}
