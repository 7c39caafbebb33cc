using LoadOps.Core.Definitions;
using LoadOps.Runner.Http;

namespace LoadOps.Runner.Tests.Execution;

public sealed class ChecksAndExtractionTests
{
    [Theory]
    [InlineData(HttpTransportKind.HttpClient)]
    [InlineData(HttpTransportKind.Raw)]
    public async Task Extracted_values_feed_later_requests_and_passing_checks_count_as_ok(HttpTransportKind transport)
    {
        await using var target = await SampleTargetHost.StartAsync();
        var browse = new ScenarioSpec("browse", 1,
        [
            TestShards.Get("list", "/api/products?page={{ random 2 9 }}",
                new ExpectSpec { Status = [200], BodyContains = "\"items\"" },
                new ExtractSpec("id", ExtractKind.JsonPath, "$.items[3].id")),
            TestShards.Get("product", "/api/products/{{ id }}", new ExpectSpec { BodyRegex = "\"id\":\\d+" }),
        ]);
        var buy = new ScenarioSpec("buy", 1,
        [
            new StepSpec
            {
                Name = "add", Method = "POST", Path = "/api/cart", Json = """{"sku": "A{{ vu }}-{{ uuid }}", "qty": 2}""",
                Expect = new ExpectSpec { Status = [201] },
                Extract = [new ExtractSpec("cart", ExtractKind.JsonPath, "$.cartId"), new ExtractSpec("where", ExtractKind.Header, "Location")],
            },
            TestShards.Get("cart", "/api/cart/{{ cart }}", new ExpectSpec { Json = new Dictionary<string, string> { ["$.items[0].qty"] = "2" } },
                new ExtractSpec("sku", ExtractKind.Regex, "\"sku\":\"(A[0-9]+)-")),
        ]);
        var definition = TestShards.Definition(target.BaseUrl, TestShards.Closed((0.1, 4), (1.5, 4)), browse, buy);

        var (result, output) = await TestShards.RunAsync(TestShards.Spec(definition), cancellationToken: TestContext.Current.CancellationToken, transport: transport);

        Assert.True(result.Failed().Total == 0, output);
        foreach (var step in new[] { "list", "product", "add", "cart" })
            Assert.True(result.Ok(step) > 5, $"{step}: {result.Ok(step)} ok");
        // Each 'product' request used the id extracted from its 'list' response, so they pair up one to one.
        Assert.InRange(result.Ok("list") - result.Ok("product"), 0, 4);
    }

    [Theory]
    [InlineData(HttpTransportKind.HttpClient)]
    [InlineData(HttpTransportKind.Raw)]
    public async Task A_failed_check_counts_as_a_check_failure_and_ends_the_iteration(HttpTransportKind transport)
    {
        await using var target = await SampleTargetHost.StartAsync();
        var scenario = new ScenarioSpec("browse", 1,
        [
            TestShards.Get("list", "/api/products?page=1", new ExpectSpec { Json = new Dictionary<string, string> { ["$.page"] = "99" } }),
            TestShards.Get("never", "/api/products/1"),
        ]);
        var definition = TestShards.Definition(target.BaseUrl, TestShards.Steady(1, 20), scenario);

        var (result, output) = await TestShards.RunAsync(TestShards.Spec(definition), cancellationToken: TestContext.Current.CancellationToken, transport: transport);

        Assert.InRange(result.Failed("list").Check, 19, 21);
        Assert.Equal(0, result.Ok("list"));
        Assert.Equal(0, result.Total("never"));
        Assert.Contains("$.page is 1, expected 99", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpTransportKind.HttpClient)]
    [InlineData(HttpTransportKind.Raw)]
    public async Task An_extraction_that_finds_nothing_is_a_check_failure(HttpTransportKind transport)
    {
        await using var target = await SampleTargetHost.StartAsync();
        var scenario = new ScenarioSpec("browse", 1,
        [
            TestShards.Get("list", "/api/products?page=1", null, new ExtractSpec("id", ExtractKind.JsonPath, "$.items[50].id")),
        ]);
        var definition = TestShards.Definition(target.BaseUrl, TestShards.Steady(1, 10), scenario);

        var (result, _) = await TestShards.RunAsync(TestShards.Spec(definition), cancellationToken: TestContext.Current.CancellationToken, transport: transport);

        Assert.InRange(result.Failed().Check, 9, 11);
        Assert.Equal(result.Total(), result.Failed().Check);
    }
}
