using LoadOps.Core.Definitions;
using LoadOps.Core.Serialization;
using System.Text;
using System.Text.Json;
using LoadOps.Runner.Cli;
using LoadOps.Runner.Tests.Targets;

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

    [Theory]
    [InlineData("client")]
    [InlineData("raw")]
    public async Task A_secret_echoed_by_the_target_into_failed_checks_is_in_no_file_in_any_encoding(string http)
    {
        await using var target = await EchoTarget.StartAsync();
        // Long, with characters every encoding changes: the bug cut the message to 60 characters before masking.
        var secret = $"s3+cr/et\"<{Guid.NewGuid():N}{Guid.NewGuid():N}>&'";
        const string Name = "RUNNER_ECHO_TOKEN";
        Environment.SetEnvironmentVariable("LOADOPS_SECRET_" + Name, secret);
        try
        {
            StepSpec Echo(string field) => TestShards.Get($"echo-{field}", "/echo", new ExpectSpec { Json = new Dictionary<string, string> { [$"$.{field}"] = "\"x\"" } }) with
            {
                Headers = new Dictionary<string, string> { ["X-Token"] = "${{ secrets." + Name + " }}" },
            };
            var definition = TestShards.Definition(target.BaseUrl, TestShards.Steady(1, 20),
                new ScenarioSpec("raw", 1, [Echo("raw")]), new ScenarioSpec("url", 1, [Echo("url")]), new ScenarioSpec("b64", 1, [Echo("b64")]));
            var directory = Directory.CreateTempSubdirectory("loadops-secret-test-").FullName;
            var specFile = Path.Combine(directory, "shard.json");
            await File.WriteAllTextAsync(specFile, LoadOpsJson.Serialize(TestShards.Spec(definition)), TestContext.Current.CancellationToken);
            var output = new StringWriter();
            var error = new StringWriter();

            var exit = await RunnerCommandLine.RunAsync(["shard", "--spec", specFile, "--out", directory, "--http", http], output, error, TestContext.Current.CancellationToken);

            Assert.Equal(RunnerExitCodes.Complete, exit);
            var written = string.Join("\n", Directory.GetFiles(directory).Where(f => f != specFile).Select(File.ReadAllText));
            Assert.Contains("check:json $.raw", written, StringComparison.Ordinal);
            Assert.Contains("check:json $.b64", output.ToString(), StringComparison.Ordinal);
            var forms = new[]
            {
                secret, Uri.EscapeDataString(secret), JsonEncodedText.Encode(secret).Value, Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)),
                JsonEncodedText.Encode(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret))).Value, secret[..24], Uri.EscapeDataString(secret)[..24],
            };
            foreach (var text in new[] { written, output.ToString(), error.ToString() })
            {
                foreach (var form in forms)
                    Assert.DoesNotContain(form, text, StringComparison.Ordinal);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("LOADOPS_SECRET_" + Name, null);
        }
    }

    [Fact]
    public void Masking_comes_before_shortening_so_no_part_of_a_long_secret_survives()
    {
        var secret = new string('k', 50);
        var secrets = Runner.Execution.SecretValues.Resolve(["A"], name => name == "LOADOPS_SECRET_A" ? secret : null, []);

        var shortened = secrets.RedactAndShorten($"$.token is \"{secret}\", expected \"x\"", 40);

        Assert.DoesNotContain("kkkk", shortened, StringComparison.Ordinal);
        Assert.StartsWith("$.token is \"***\"", shortened, StringComparison.Ordinal);
    }

    [Fact]
    public void Redaction_masks_json_escaped_and_base64_forms()
    {
        var secrets = Runner.Execution.SecretValues.Resolve(["A"], name => name == "LOADOPS_SECRET_A" ? "a+b\"c/d" : null, []);
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("a+b\"c/d"));

        Assert.Equal("*** *** *** ***", secrets.Redact($"{JsonEncodedText.Encode("a+b\"c/d").Value} a+b\\\"c/d {base64} {base64.TrimEnd('=')}"));
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
