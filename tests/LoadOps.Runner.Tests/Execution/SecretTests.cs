using LoadOps.Core.Definitions;
using LoadOps.Core.Serialization;
using LoadOps.Runner.Cli;

namespace LoadOps.Runner.Tests.Execution;

public sealed class SecretTests
{
    [Fact]
    public async Task Secret_values_never_appear_in_the_result_or_the_output()
    {
        await using var target = await SampleTargetHost.StartAsync();
        var secret = "s3cr3t-" + Guid.NewGuid().ToString("N");
        const string Name = "RUNNER_TEST_TOKEN";
        Environment.SetEnvironmentVariable("LOADOPS_SECRET_" + Name, secret);
        try
        {
            var definition = TestShards.Definition(target.BaseUrl, TestShards.Steady(1.5, 20),
                new ScenarioSpec("browse", 1,
                [
                    TestShards.Get("ok", "/api/products/1") with { Headers = new Dictionary<string, string> { ["X-Key"] = "k-${{ secrets." + Name + " }}" } },
                    TestShards.Get("fails", "/api/cart/${{ secrets." + Name + " }}"),
                ])) with
            {
                Target = new TargetSpec { BaseUrl = target.BaseUrl, Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer ${{ secrets." + Name + " }}" } },
            };
            var directory = Directory.CreateTempSubdirectory("loadops-secret-test-").FullName;
            var specFile = Path.Combine(directory, "shard.json");
            await File.WriteAllTextAsync(specFile, LoadOpsJson.Serialize(TestShards.Spec(definition)), TestContext.Current.CancellationToken);
            var output = new StringWriter();
            var error = new StringWriter();

            var exit = await RunnerCommandLine.RunAsync(["shard", "--spec", specFile, "--out", directory], output, error, TestContext.Current.CancellationToken);

            Assert.Equal(RunnerExitCodes.Complete, exit);
            var written = string.Join("\n", Directory.GetFiles(directory).Where(f => f != specFile).Select(File.ReadAllText));
            Assert.Contains("\"status\": \"complete\"", written, StringComparison.Ordinal);
            Assert.Contains("(status)", output.ToString(), StringComparison.Ordinal);
            foreach (var text in new[] { written, output.ToString(), error.ToString() })
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("LOADOPS_SECRET_" + Name, null);
        }
    }

    [Fact]
    public async Task A_missing_secret_stops_the_runner_before_the_start_and_names_the_variable()
    {
        var definition = TestShards.Definition("http://127.0.0.1:1", TestShards.Steady(1, 1),
            new ScenarioSpec("browse", 1, [TestShards.Get("ok", "/x") with { Headers = new Dictionary<string, string> { ["X-Key"] = "${{ secrets.NEVER_SET_ANYWHERE }}" } }]));
        var directory = Directory.CreateTempSubdirectory("loadops-secret-test-").FullName;
        var specFile = Path.Combine(directory, "shard.json");
        await File.WriteAllTextAsync(specFile, LoadOpsJson.Serialize(TestShards.Spec(definition)), TestContext.Current.CancellationToken);
        var error = new StringWriter();

        var exit = await RunnerCommandLine.RunAsync(["shard", "--spec", specFile, "--out", directory], TextWriter.Null, error, TestContext.Current.CancellationToken);

        Assert.Equal(RunnerExitCodes.Usage, exit);
        Assert.Contains("LOADOPS_SECRET_NEVER_SET_ANYWHERE", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(directory, "result.json")));
    }

    [Fact]
    public void Redaction_masks_plain_and_url_escaped_values()
    {
        var errors = new List<string>();
        var secrets = Runner.Execution.SecretValues.Resolve(["A"], name => name == "LOADOPS_SECRET_A" ? "p@ss word" : null, errors);

        Assert.Empty(errors);
        Assert.Equal("GET /x?k=*** and ***", secrets.Redact("GET /x?k=p%40ss%20word and p@ss word"));
    }
}
