using System.Diagnostics;
using LoadOps.Core.Definitions;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;

namespace LoadOps.Runner.Tests.Execution;

public sealed class GracefulStopTests
{
    [Fact]
    public async Task Cancelling_writes_a_partial_result_of_what_ran()
    {
        await using var target = await SampleTargetHost.StartAsync();
        var definition = TestShards.Definition(target.BaseUrl, TestShards.Steady(30, 50),
            new ScenarioSpec("browse", 1, [TestShards.Get("product", "/api/products/1")]));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        stop.CancelAfter(TimeSpan.FromSeconds(1.5));

        var (result, _) = await TestShards.RunAsync(TestShards.Spec(definition), cancellationToken: stop.Token);

        Assert.Equal(ResultStatus.Partial, result.Status);
        Assert.Equal(ResultStatus.Partial, result.Shards.Single().Status);
        Assert.InRange(result.Total(), 10, 500);
        Assert.Equal(result.Total(), result.Ok());
    }

    [Fact]
    public async Task The_deadline_stops_the_shard_with_a_partial_result()
    {
        await using var target = await SampleTargetHost.StartAsync();
        var definition = TestShards.Definition(target.BaseUrl, TestShards.Steady(30, 50),
            new ScenarioSpec("browse", 1, [TestShards.Get("product", "/api/products/1")]));
        var spec = TestShards.Spec(definition) with { Deadline = DateTimeOffset.UtcNow.AddSeconds(1.5) };

        var (result, output) = await TestShards.RunAsync(spec, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ResultStatus.Partial, result.Status);
        Assert.InRange(result.Total(), 10, 500);
        Assert.Contains("deadline", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_to_the_runner_process_leaves_interim_snapshots_then_a_partial_result()
    {
        await using var target = await SampleTargetHost.StartAsync();
        var definition = TestShards.Definition(target.BaseUrl, TestShards.Steady(60, 20),
            new ScenarioSpec("browse", 1, [TestShards.Get("product", "/api/products/1")]));
        var directory = Directory.CreateTempSubdirectory("loadops-sigterm-test-").FullName;
        var specFile = Path.Combine(directory, "shard.json");
        await File.WriteAllTextAsync(specFile, LoadOpsJson.Serialize(TestShards.Spec(definition)), TestContext.Current.CancellationToken);
        var resultFile = Path.Combine(directory, "result.json");

        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "loadops-runner.dll"), "shard", "--spec", specFile, "--out", directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var runner = Process.Start(start)!;
        var stdout = runner.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = runner.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            var interim = await WaitForResultAsync(resultFile, r => r.Status == ResultStatus.Running && r.Total() > 0, TimeSpan.FromSeconds(20));
            Assert.NotNull(interim);

            using (var kill = Process.Start("kill", ["-TERM", runner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            await runner.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!runner.HasExited)
                runner.Kill();
        }

        Assert.Equal(3, runner.ExitCode);
        var final = LoadOpsJson.Deserialize<ResultFile>(await File.ReadAllTextAsync(resultFile, TestContext.Current.CancellationToken));
        Assert.Equal(ResultStatus.Partial, final.Status);
        Assert.True(final.Total() > 0);
        Assert.Contains("SIGTERM", await stderr, StringComparison.Ordinal);
        Assert.Contains("partial", await stdout, StringComparison.Ordinal);
    }

    private static async Task<ResultFile?> WaitForResultAsync(string path, Func<ResultFile, bool> condition, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            if (File.Exists(path))
            {
                var result = LoadOpsJson.Deserialize<ResultFile>(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
                if (condition(result))
                    return result;
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        return null;
    }
}
