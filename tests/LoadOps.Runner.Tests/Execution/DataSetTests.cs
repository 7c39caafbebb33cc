using LoadOps.Core.Data;
using LoadOps.Core.Definitions;
using LoadOps.Core.Planning;
using LoadOps.Core.Policy;
using LoadOps.Core.Results;
using LoadOps.Core.Validation;
using LoadOps.Runner.Tests.Targets;

namespace LoadOps.Runner.Tests.Execution;

/// <summary>Data set rows bound per iteration, split across shards, and what happens when unique rows run out.</summary>
public sealed class DataSetTests
{
    [Fact]
    public async Task Unique_rows_reach_the_target_once_each_across_two_shards_and_the_shards_say_they_ran_out()
    {
        await using var target = await RecordingTarget.StartAsync();
        var rows = Enumerable.Range(1, 30).Select(i => (IReadOnlyList<string>)[$"row{i}"]).ToList();
        var definition = TestShards.Definition(target.BaseUrl, TestShards.Steady(2, 60),
            new ScenarioSpec("main", 1, [TestShards.Get("seen", "/seen/{{ ids.value }}", new ExpectSpec { Status = [200] })])) with
        {
            Runners = [new RunnerSpec("local", 2)],
            Data = [new DataSetSpec("ids", "ids.csv", DataPick.Unique, DataExhausted.Stop)],
        };
        var plan = RunPlanner.Plan(definition, "sha256:test", new RunIdentity("run-test", null, null), DateTimeOffset.UtcNow, null,
            [new DataTable("ids", ["value"], rows)]);

        var results = await Task.WhenAll(plan.Shards.Select(s => TestShards.RunAsync(s, null, TestContext.Current.CancellationToken)));

        // 60/s over 2 s is 120 arrivals for 30 rows: every row is used, none twice, and each shard stopped with its reason.
        Assert.Equal(30, target.Seen.Count);
        Assert.Equal(30, target.Seen.Distinct().Count());
        Assert.All(results, r =>
        {
            var issue = Assert.Single(r.Result.TrustIssues, i => i.Code == "data-exhausted");
            Assert.Contains("ran out of rows: this shard used its 15 row(s)", issue.Message, StringComparison.Ordinal);
            Assert.Contains("stopped: data set 'ids'", r.Output, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Recycled_unique_rows_keep_the_shard_running_to_its_end()
    {
        await using var target = await RecordingTarget.StartAsync();
        var definition = TestShards.Definition(target.BaseUrl, TestShards.Steady(1, 20),
            new ScenarioSpec("main", 1, [TestShards.Get("seen", "/seen/{{ ids.value }}")])) with
        {
            Data = [new DataSetSpec("ids", "ids.csv", DataPick.Unique, DataExhausted.Recycle)],
        };
        var spec = TestShards.Spec(definition) with { Data = [new DataTable("ids", ["value"], [["a"], ["b"]])] };

        var (result, _) = await TestShards.RunAsync(spec, null, TestContext.Current.CancellationToken);

        Assert.Equal(ResultStatus.Complete, result.Status);
        Assert.True(target.Seen.Count > 2);
        Assert.Equal(["a", "b"], target.Seen.Distinct().Order());
    }

    [Fact]
    public async Task The_cart_data_example_runs_against_the_sample_shop_with_rows_from_its_files()
    {
        await using var shop = await SampleTargetHost.StartAsync();
        var path = Path.Combine(ExampleDefinitions.RepositoryRoot(), "examples", "loadtests", "cart-data.loadtest.yaml");
        var validation = DefinitionValidator.Validate(path, await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken), LoadPolicy.Default);
        Assert.True(validation.IsValid, string.Join("\n", validation.Errors));
        var data = await DataFileLoader.LoadAsync(validation.Definition!, "examples/loadtests/cart-data.loadtest.yaml", path, validation.DataUses,
            async (file, token) => File.Exists(Path.Combine(ExampleDefinitions.RepositoryRoot(), file)) ? await File.ReadAllTextAsync(Path.Combine(ExampleDefinitions.RepositoryRoot(), file), token) : null,
            TestContext.Current.CancellationToken);
        Assert.True(data.IsValid, string.Join("\n", data.Errors));
        var definition = validation.Definition! with
        {
            Target = validation.Definition.Target with { BaseUrl = shop.BaseUrl },
            Load = TestShards.Steady(1.5, 8),
        };
        var plan = RunPlanner.Plan(definition, "sha256:test", new RunIdentity("run-test", null, null), DateTimeOffset.UtcNow, null, data.Tables);

        var results = await Task.WhenAll(plan.Shards.Select(s => TestShards.RunAsync(s, null, TestContext.Current.CancellationToken)));

        // Each step succeeds only with a row's values: a product id the shop has, a sku and a whole-number qty it accepts.
        Assert.All(results, r =>
        {
            Assert.True(r.Result.Total("add-to-cart") > 0);
            Assert.Equal(r.Result.Total("add-to-cart"), r.Result.Ok("add-to-cart"));
            Assert.Equal(r.Result.Total("view-cart"), r.Result.Ok("view-cart"));
            Assert.Equal(r.Result.Total("shopper-page"), r.Result.Ok("shopper-page"));
        });
        Assert.Equal([3, 3], plan.Shards.Select(s => s.Data[1].Rows.Count));
    }
}
