using LoadOps.Infra.Tests.Yaml;

namespace LoadOps.Infra.Tests.Workflows;

/// <summary>Runs the gate step of action.yml with a stand-in `loadops` that exits like CONTRACTS.md says
/// `loadops gate` will (0 pass, 1 fail, 3 inconclusive, 2 usage), under the shell options GitHub uses for `shell: bash`.</summary>
public sealed class GateActionTests : IDisposable
{
    private const string Token = "ghs_gate-test-token-0123456789";
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("loadops-gate-");

    public void Dispose() => work.Delete(recursive: true);

    private sealed record GateRun(int ExitCode, Dictionary<string, string> Outputs, string Summary, string ToolArguments, string Log);

    private async Task<GateRun> RunGateAsync(int toolExitCode, string failOn, bool writesReport = true)
    {
        var bin = Directory.CreateDirectory(Path.Combine(work.FullName, "bin")).FullName;
        var fake = Path.Combine(bin, "loadops");
        await File.WriteAllTextAsync(fake, $$"""
            #!/usr/bin/env bash
            printf '%s\n' "$@" > "{{work.FullName}}/arguments"
            while [ $# -gt 0 ]; do if [ "$1" = --out ]; then out="$2"; fi; shift; done
            if {{(writesReport ? "true" : "false")}}; then
              echo '## LoadOps: checkout' > "$out/report.md"
              echo '{"reportUrl":"https://reports.example.test/r/1.html","p95DeltaPercent":12.5}' > "$out/summary.json"
            fi
            exit {{toolExitCode}}
            """, TestContext.Current.CancellationToken);
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var step = Assert.Single(YamlFile.Load("action.yml").Map("runs").Child("steps").Items(), candidate => candidate.Child("id").Text() == "gate");
        var script = Path.Combine(work.FullName, "gate.sh");
        await File.WriteAllTextAsync(script, step.Child("run").Text(), TestContext.Current.CancellationToken);
        var output = Path.Combine(work.FullName, "github_output");
        var summary = Path.Combine(work.FullName, "step_summary");
        File.WriteAllText(output, string.Empty);
        File.WriteAllText(summary, string.Empty);

        var environment = new Dictionary<string, string>
        {
            ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}",
            ["RUNNER_TEMP"] = work.FullName,
            ["GITHUB_OUTPUT"] = output,
            ["GITHUB_STEP_SUMMARY"] = summary,
            ["LOADOPS_URL"] = "https://loadops.example.test",
            ["LOADOPS_TOKEN"] = Token,
            ["LOADOPS_TEST"] = "loadtests/checkout.loadtest.yaml",
            ["LOADOPS_TIMEOUT"] = "30m",
            ["LOADOPS_FAIL_ON"] = failOn,
        };
        var run = await ProcessRun.StartAsync("env", ["-i", .. environment.Select(pair => $"{pair.Key}={pair.Value}"), "bash", "--noprofile", "--norc", "-eo", "pipefail", script],
            TestContext.Current.CancellationToken);
        var outputs = File.ReadAllLines(output).Select(line => line.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
        var arguments = File.Exists(Path.Combine(work.FullName, "arguments")) ? File.ReadAllText(Path.Combine(work.FullName, "arguments")) : string.Empty;
        return new GateRun(run.ExitCode, outputs, File.ReadAllText(summary), arguments, run.AllOutput);
    }

    [Fact]
    public async Task Pass_sets_outputs_and_appends_the_report_to_the_job_summary()
    {
        var gate = await RunGateAsync(toolExitCode: 0, failOn: "fail");

        Assert.True(gate.ExitCode == 0, gate.Log);
        Assert.Equal("pass", gate.Outputs["verdict"]);
        Assert.Equal("https://reports.example.test/r/1.html", gate.Outputs["report-url"]);
        Assert.Equal("12.5", gate.Outputs["p95-delta"]);
        Assert.Contains("## LoadOps: checkout", gate.Summary, StringComparison.Ordinal);
        Assert.Equal(["gate", "--url", "https://loadops.example.test", "--timeout", "30m", "--out"], gate.ToolArguments.Split('\n')[..6]);
        Assert.Contains("--test\nloadtests/checkout.loadtest.yaml", gate.ToolArguments, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "fail", 1, "fail")]
    [InlineData(1, "inconclusive", 1, "fail")]
    [InlineData(1, "never", 0, "fail")]
    [InlineData(3, "fail", 0, "inconclusive")]
    [InlineData(3, "inconclusive", 1, "inconclusive")]
    public async Task Fail_on_decides_which_verdicts_fail_the_job(int toolExitCode, string failOn, int expectedExitCode, string verdict)
    {
        var gate = await RunGateAsync(toolExitCode, failOn);

        Assert.True(gate.ExitCode == expectedExitCode, gate.Log);
        Assert.Equal(verdict, gate.Outputs["verdict"]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(127)]
    public async Task A_usage_error_or_a_missing_command_fails_the_job_without_a_verdict(int toolExitCode)
    {
        var gate = await RunGateAsync(toolExitCode, failOn: "never", writesReport: false);

        Assert.Equal(toolExitCode, gate.ExitCode);
        Assert.Equal(string.Empty, gate.Outputs["verdict"]);
        Assert.Contains($"loadops gate failed with exit code {toolExitCode}", gate.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_fail_on_value_is_refused_before_the_tool_runs()
    {
        var gate = await RunGateAsync(toolExitCode: 0, failOn: "sometimes");

        Assert.Equal(2, gate.ExitCode);
        Assert.Contains("fail-on must be fail, inconclusive or never", gate.Log, StringComparison.Ordinal);
        Assert.Equal(string.Empty, gate.ToolArguments);
    }

    [Fact]
    public async Task The_token_is_not_passed_on_the_command_line()
    {
        var gate = await RunGateAsync(toolExitCode: 0, failOn: "fail");

        Assert.Equal(0, gate.ExitCode);
        Assert.DoesNotContain(Token, gate.ToolArguments, StringComparison.Ordinal);
    }
}
