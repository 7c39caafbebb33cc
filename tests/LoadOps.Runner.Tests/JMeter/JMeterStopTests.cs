using System.Globalization;
using System.Text.RegularExpressions;
using LoadOps.Cli.Tests.Run;
using LoadOps.Core.Definitions;
using LoadOps.Core.Planning;
using LoadOps.Core.Results;
using LoadOps.Runner.Execution;

namespace LoadOps.Runner.Tests.JMeter;

/// <summary>
/// Stopping a JMeter shard (SIGTERM, Ctrl-C, the deadline) asks the real JMeter to end its test, and the partial
/// result holds every sample JMeter counted. The plan would run 60 s; the test stops it once samples are on disk.
/// </summary>
public sealed partial class JMeterStopTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("loadops-jmeter-stop-").FullName;

    [GeneratedRegex(@"summary =\s+(?<count>\d+) in")]
    private static partial Regex JMeterTotal();

    [Fact]
    public async Task A_stop_ends_jmeters_test_and_keeps_every_sample_it_counted()
    {
        var launcher = JMeterInstall.Launcher(out var reason);
        Assert.SkipWhen(launcher is null, reason);
        await using var shop = await SampleTargetHost.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var spec = new ShardSpec
        {
            RunId = "r1",
            ShardId = "r1-s000",
            ShardIndex = 0,
            ShardCount = 1,
            Location = "local",
            StartAt = now,
            Deadline = now.AddMinutes(2),
            DefinitionHash = "hash",
            Definition = new LoadTestDefinition
            {
                Name = "shop-jmeter",
                Target = new TargetSpec { BaseUrl = shop.BaseUrl },
                Load = new LoadSpec { Model = LoadModel.Closed, Stages = [new StageSpec(TimeSpan.FromSeconds(60), 2)] },
                Scenarios = [],
                Engine = new EngineSpec(EngineKind.JMeter, "plans/checkout.jmx")
                {
                    Plan = await File.ReadAllTextAsync(JMeterInstall.ExamplePlan(), TestContext.Current.CancellationToken),
                },
            },
        };
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var stop = new CancellationTokenSource();
        var options = new ShardRunnerOptions { Output = output, Environment = name => name == "LOADOPS_JMETER" ? launcher : Environment.GetEnvironmentVariable(name) };

        var running = ShardRunner.RunAsync(spec, _folder, stop.Token, options);
        // Bounded wait (60 s) until JMeter has written a few samples, then stop it.
        var results = Path.Combine(_folder, "jmeter", "results.jtl");
        for (var i = 0; i < 600 && !running.IsCompleted && (!File.Exists(results) || File.ReadAllLines(results).Length < 6); i++)
            await Task.Delay(100, TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        var run = await running;

        Assert.True(run.Started, string.Join("\n", run.Errors) + output);
        Assert.Equal(ResultStatus.Partial, run.Result!.Status);
        var counted = JMeterTotal().Match(output.ToString());
        Assert.True(counted.Success, output.ToString());
        var recorded = run.Result.Steps.Where(s => s.Location is not null).Sum(s => s.Intervals.Sum(i => i.Ok + i.Failed.Total));
        Assert.Equal(long.Parse(counted.Groups["count"].Value, CultureInfo.InvariantCulture), recorded);
        Assert.True(recorded >= 5, $"{recorded} samples");
        Assert.Contains("JMeter was asked to stop", output.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
