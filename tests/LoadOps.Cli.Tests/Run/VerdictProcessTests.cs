using System.Globalization;
using LoadOps.SampleTarget;
using LoadOps.Testing;

namespace LoadOps.Cli.Tests.Run;

/// <summary>
/// Real <c>loadops run</c> processes (with their runner processes) against the sample target on 127.0.0.1, short runs (4–6 s):
/// a steady service goes green, a slower one or one with errors goes red, a regressed main does not become the yardstick,
/// an untrustworthy run and Ctrl-C end inconclusive with every report written. The definition gates on the median, not on
/// p95: on a shared 2-core CI machine the tail of 3-second runs swings by ±50% from run to run (the passes said "p95:
/// could detect ≥ 52%"), and a run caught in another job's burst is, by its own numbers, slower; a team on such a machine
/// would gate on p50 (or repeat the runs) the same way.
/// Its verdicts rest on run-to-run noise, so <c>./test.sh</c> runs it alone after the rest of the suite (trait
/// <c>Isolation=alone</c>): beside the other test projects one stalled baseline run widened the noise until a target
/// twice as slow passed ("could detect ≥ 284%").
/// </summary>
[Trait("Isolation", "alone")]
[Collection(nameof(VerdictProcessTests))]
public sealed class VerdictProcessTests : IAsyncLifetime
{
    private const double SteadyLatencyMs = 20;

    // The issue's own figure: a target 40% slower. It used to be twice as slow here, because one stalled baseline run
    // beside the rest of the suite widened the noise until even that passed; stalled runs are now left out
    // (BaselineOutliers). Passed 3 of 3 tests at a load average of 16 on two cores (2026-12-03).
    private const double SlowFactor = 1.4;
    private readonly string _root = Directory.CreateTempSubdirectory("loadops-verdicts-").FullName;
    private SampleTargetHost? _target;
    private int _runs;
    private int _untrusted;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".loadops"));
        _target = await SampleTargetHost.StartAsync(new FaultSettings { LatencyMs = SteadyLatencyMs, JitterMs = 2 });
    }

    public async ValueTask DisposeAsync()
    {
        if (_target is not null)
            await _target.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task A_steady_service_passes_and_a_slower_or_failing_one_fails_even_after_main_regressed()
    {
        // 5 s at 100/s (550 requests a run): with 350 the 5% error rate below went unnoticed about one run in 16 (10 of 350
        // failed once: +2.9 points, not significant after Holm), a true miss rate of the count test at that size.
        var test = Definition("steady", durationSeconds: 5, maxInFlight: 200);
        for (var i = 0; i < 6; i++)
            Assert.NotEqual(1, (await TrustedRunAsync(test, "main")).Exit);

        var green = 0;
        var outcomes = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var pr = await TrustedRunAsync(test, "feature/same");
            green += pr.Exit == 0 ? 1 : 0;
            outcomes.Add($"exit {pr.Exit}: {LastLine(pr.Output)}");
        }
        Assert.True(green >= 9, $"{green} of 10 identical PR runs passed ({_untrusted} runs the machine could not measure were repeated):\n{string.Join('\n', outcomes)}");

        _target!.Faults.Change(new FaultChange(SteadyLatencyMs * SlowFactor, null, null, null));
        var slow = await TrustedRunAsync(test, "feature/slow");
        Assert.True(slow.Exit == 1, slow.Output + slow.Error);
        Assert.Contains("regression", slow.Output, StringComparison.OrdinalIgnoreCase);

        _target.Faults.Change(new FaultChange(SteadyLatencyMs, null, 0.05, null));
        var failing = await TrustedRunAsync(test, "feature/errors");
        Assert.True(failing.Exit == 1, failing.Output + failing.Error);
        Assert.Contains("errors of the run went from", failing.Output, StringComparison.Ordinal);

        // Three slow runs land on main, each judged a regression, and nobody accepts them.
        _target.Faults.Change(new FaultChange(SteadyLatencyMs * SlowFactor, null, 0, null));
        for (var i = 0; i < 3; i++)
            Assert.Equal(1, (await TrustedRunAsync(test, "main")).Exit);
        var stillSlow = await TrustedRunAsync(test, "feature/slow-again");
        Assert.True(stillSlow.Exit == 1, stillSlow.Output + stillSlow.Error);
        Assert.Contains("judged a regression or failing left out of the baseline", stillSlow.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// A run this shared machine could not measure (schedule lag, a late runner start: the runner's own trust rules) is
    /// inconclusive (untrustworthy), rightly; it says nothing about the verdict rule under test, so it is run again, a
    /// bounded number of times, as a team would re-run a CI job that reported its runner overloaded.
    /// </summary>
    private async Task<LoadOpsProcess.Outcome> TrustedRunAsync(string definition, string branch)
    {
        for (var attempt = 0; ; attempt++)
        {
            var outcome = await RunAsync(definition, branch);
            if (outcome.Exit != 3 || !outcome.Output.Contains("(untrustworthy)", StringComparison.Ordinal) || attempt == 4)
                return outcome;
            _untrusted++;
        }
    }

    [Fact]
    public async Task A_saturated_run_is_inconclusive_with_the_dropped_count_in_every_report()
    {
        _target!.Faults.Change(new FaultChange(400, null, null, null));
        var test = Definition("saturated", durationSeconds: 3, maxInFlight: 4);
        var outcome = await RunAsync(test, "main", out var folder);

        Assert.True(outcome.Exit == 3, outcome.Output + outcome.Error);
        Assert.Contains("INCONCLUSIVE (untrustworthy)", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("arrivals dropped", outcome.Output, StringComparison.Ordinal);
        foreach (var report in new[] { "report.md", "report.html", "report.slack.json", "report.junit.xml" })
            Assert.Contains("arrivals dropped", await File.ReadAllTextAsync(Path.Combine(folder, report), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_c_mid_run_ends_inconclusive_with_the_partial_result_and_every_report()
    {
        if (OperatingSystem.IsWindows())
            return;
        var test = Definition("interrupted", durationSeconds: 30, maxInFlight: 200);
        var folder = Path.Combine(_root, "out", "interrupted");
        var outcome = await LoadOpsProcess.RunAsync(_root, ["run", test, "--out", folder, "--branch", "main", "--history", History], interruptAfter: TimeSpan.FromSeconds(7));

        Assert.True(outcome.Exit == 3, outcome.Output + outcome.Error);
        Assert.Contains("stopped by Ctrl-C", outcome.Error, StringComparison.Ordinal);
        foreach (var file in new[] { "result.json", "evaluation.json", "report.md", "report.html", "report.slack.json", "report.junit.xml" })
            Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} is missing: {outcome.Output}{outcome.Error}");
        Assert.Contains("partial", await File.ReadAllTextAsync(Path.Combine(folder, "report.md"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private string History => Path.Combine(_root, ".loadops", "history");

    private Task<LoadOpsProcess.Outcome> RunAsync(string definition, string branch) => RunAsync(definition, branch, out _);

    private Task<LoadOpsProcess.Outcome> RunAsync(string definition, string branch, out string folder)
    {
        folder = Path.Combine(_root, "out", (++_runs).ToString(CultureInfo.InvariantCulture));
        return LoadOpsProcess.RunAsync(_root, ["run", definition, "--out", folder, "--branch", branch, "--commit", $"c{_runs:000}", "--history", History]);
    }

    private string Definition(string name, int durationSeconds, int maxInFlight)
    {
        var path = Path.Combine(_root, $"{name}.loadtest.yaml");
        File.WriteAllText(path, $"""
            version: 1
            name: {name}
            target:
              baseUrl: {_target!.BaseUrl}
              timeout: 5s
            load:
              model: open
              stages:
                - {"{"} duration: 1s, rate: 100 {"}"}
                - {"{"} duration: {durationSeconds}s, rate: 100 {"}"}
              maxInFlight: {maxInFlight}
            scenarios:
              - name: main
                steps:
                  - name: products
                    request: GET /api/products?page=1
                    expect: {"{"} status: 200 {"}"}
            runners:
              - {"{"} location: local, count: 1 {"}"}
            baseline:
              branch: main
              runs: 10
              metrics: [p50, rps, errors]
              tolerance: 20%
            """);
        return path;
    }

    private static string LastLine(string text) => text.TrimEnd().Split('\n').Where(l => l.Contains(':', StringComparison.Ordinal)).LastOrDefault(l => l.Contains("PASS", StringComparison.Ordinal) || l.Contains("REGRESSION", StringComparison.Ordinal) || l.Contains("INCONCLUSIVE", StringComparison.Ordinal) || l.Contains("FAIL", StringComparison.Ordinal)) ?? "";
}
