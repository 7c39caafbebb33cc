using System.Text.Json;
using LoadOps.Cli.Tests.Validate;
using LoadOps.SampleTarget;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace LoadOps.Cli.Tests.Run;

/// <summary>
/// <c>loadops run</c> of an <c>engine: jmeter</c> definition with the real JMeter (Debian's, see <see cref="JMeterInstall"/>)
/// against the sample shop on 127.0.0.1: the committed example end to end, and a plan JMeter cannot load. Each run is
/// bounded by the definition's stages (6 s) plus JMeter's start-up.
/// </summary>
public sealed class JMeterRunTests : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("loadops-jmeter-run-").FullName;
    private WebApplication? _shop;
    private string _url = "";

    public async ValueTask InitializeAsync()
    {
        (_shop, _) = SampleTargetApp.Build("http://127.0.0.1:0", new FaultSettings { LatencyMs = 2, JitterMs = 1 });
        await _shop.StartAsync(TestContext.Current.CancellationToken);
        _url = _shop.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
    }

    public async ValueTask DisposeAsync()
    {
        if (_shop is not null)
        {
            await _shop.StopAsync(CancellationToken.None);
            await _shop.DisposeAsync();
        }
        Directory.Delete(_work, recursive: true);
    }

    private static Dictionary<string, string?> WithJMeter()
    {
        var launcher = JMeterInstall.Launcher(out var reason);
        Assert.SkipWhen(launcher is null, reason);
        return new() { ["LOADOPS_JMETER"] = launcher };
    }

    [Fact]
    public async Task The_example_plan_runs_in_two_shards_and_comes_out_merged_reported_and_compared_with_history()
    {
        var environment = WithJMeter();
        var example = Path.Combine(TempRepository.RepositoryRoot(), "examples", "loadtests", "checkout-jmeter.loadtest.yaml");
        var history = Path.Combine(_work, "history");
        string[] Run(string folder) => ["run", example, "--target", _url, "--out", Path.Combine(_work, folder), "--history", history, "--branch", "main"];

        var first = await LoadOpsProcess.RunAsync(_work, Run("first"), environment: environment);

        // Thresholds pass; with no earlier run the baseline cannot decide, which is exit 3.
        Assert.True(first.Exit == 3, first.Output + first.Error);
        Assert.Contains("all 3 thresholds passed", first.Output, StringComparison.Ordinal);
        using var result = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_work, "first", "result.json"), TestContext.Current.CancellationToken));
        var root = result.RootElement;
        Assert.Equal("complete", root.GetProperty("status").GetString());
        Assert.Equal(2, root.GetProperty("shards").GetArrayLength());
        var steps = root.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("location").ValueKind == JsonValueKind.Null).ToList();
        Assert.Equal(["add-to-cart", "list-products", "product"], steps.Select(s => s.GetProperty("step").GetString()));
        Assert.All(steps, s => Assert.Equal("shopper", s.GetProperty("scenario").GetString()));
        var requests = steps.Sum(s => s.GetProperty("intervals").EnumerateArray().Sum(i => i.GetProperty("ok").GetInt64()));
        Assert.True(requests > 20, $"{requests} requests");

        // Each shard ran JMeter with its half of the 4 users and the whole schedule.
        foreach (var log in Directory.GetFiles(Path.Combine(_work, "first", "shards"), "runner.log", SearchOption.AllDirectories))
            Assert.Contains("threads=2, rampup=2, duration=6", await File.ReadAllTextAsync(log, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var report = await File.ReadAllTextAsync(Path.Combine(_work, "first", "report.md"), TestContext.Current.CancellationToken);
        Assert.Contains("product", report, StringComparison.Ordinal);

        // The second run finds the first in the history: same definition and plan, so the same test.
        var second = await LoadOpsProcess.RunAsync(_work, Run("second"), environment: environment);
        Assert.True(second.Exit == 3, second.Output + second.Error);
        Assert.Contains("only 1 baseline run", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plan_jmeter_cannot_load_fails_the_shard_with_jmeters_reason_and_no_stack_trace()
    {
        var environment = WithJMeter();
        using var repository = new TempRepository();
        var plan = await File.ReadAllTextAsync(Path.Combine(TempRepository.RepositoryRoot(), "examples", "loadtests", "plans", "checkout.jmx"),
            TestContext.Current.CancellationToken);
        repository.Write("loadtests/plans/broken.jmx", plan.Replace("ConstantTimer", "com.example.MissingTimer", StringComparison.Ordinal));
        var definition = repository.Write("loadtests/broken.loadtest.yaml", $"""
            version: 1
            name: broken-plan
            target: {"{"} baseUrl: {_url} {"}"}
            engine: jmeter
            script: plans/broken.jmx
            load:
              model: closed
              stages: [{"{"} duration: 2s, users: 1 {"}"}]
            """);

        var outcome = await LoadOpsProcess.RunAsync(repository.Root, ["run", definition, "--out", Path.Combine(_work, "broken"), "--no-history"], environment: environment);

        Assert.True(outcome.Exit == 3, outcome.Output + outcome.Error);
        Assert.Contains("JMeter failed: Error in NonGUIDriver", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("com.example.MissingTimer", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("from:'plans/broken.jmx'", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("JMeter could not load that element of the plan", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("no runner produced a result", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
    }
}
