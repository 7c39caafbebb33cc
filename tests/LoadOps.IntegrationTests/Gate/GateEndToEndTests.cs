using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LoadOps.Cli.Gate;
using LoadOps.Core.Webhooks;

namespace LoadOps.IntegrationTests.Gate;

/// <summary>
/// <c>loadops serve</c> (Azurite, real runner processes, the sample target) answering <c>loadops gate</c> over HTTP:
/// every exit code of the gate, with the job-summary text in report.md and the fields action.yml reads in summary.json.
/// </summary>
public sealed class GateEndToEndTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Commit() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    private static async Task<(string Report, JsonElement Summary)> OutputsAsync(string folder)
    {
        var report = await File.ReadAllTextAsync(Path.Combine(folder, "report.md"), Ct);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "summary.json"), Ct));
        return (report, summary.RootElement.Clone());
    }

    [Fact]
    public async Task Gates_that_start_a_test_exit_0_on_pass_1_on_fail_3_when_inconclusive_or_late_and_2_for_an_unknown_test()
    {
        await using var rig = await GateRig.StartAsync(azurite, Ct);
        var commit = Commit();
        var outs = new[] { "pass", "fail", "undecided", "unknown", "late" }.ToDictionary(n => n, n => Path.Combine(rig.Folder, "gate-" + n));

        var gates = await Task.WhenAll(
            rig.GateAsync(outs["pass"], commit, "gate-pass", "3m"),
            rig.GateAsync(outs["fail"], commit, Path.Combine(rig.Folder, "repo", "loadtests", "fail.loadtest.yaml"), "3m"),
            rig.GateAsync(outs["undecided"], commit, "gate-undecided", "3m"),
            rig.GateAsync(outs["unknown"], commit, "no-such-test", "3m"),
            rig.GateAsync(outs["late"], commit, "gate-pass", "1s"));
        var context = string.Join(Environment.NewLine, gates.Select(g => $"exit {g.Exit}: {g.Output} {g.Error}")) + Environment.NewLine + rig.Log;

        Assert.True(gates.Select(g => g.Exit).SequenceEqual([0, 1, 3, 2, 3]), context);

        var (report, summary) = await OutputsAsync(outs["pass"]);
        Assert.Contains("### ✅ LoadOps gate-pass: Pass", report, StringComparison.Ordinal);
        Assert.Equal("pass", summary.GetProperty("verdict").GetString());
        Assert.Equal("reported", summary.GetProperty("status").GetString());
        Assert.StartsWith("gate-pass-", summary.GetProperty("runId").GetString(), StringComparison.Ordinal);
        Assert.Equal($"{rig.Url}/api/runs/{summary.GetProperty("runId").GetString()}/report.html", summary.GetProperty("reportUrl").GetString());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("p95DeltaPercent").ValueKind);
        Assert.Contains("### ✅ LoadOps gate-pass: Pass", gates[0].Output, StringComparison.Ordinal);
        Assert.DoesNotContain(GateRig.Token, gates[0].Output + gates[0].Error + rig.Log, StringComparison.Ordinal);

        (report, summary) = await OutputsAsync(outs["fail"]);
        Assert.Contains("### ❌ LoadOps gate-fail: Fail", report, StringComparison.Ordinal);
        Assert.Contains("**Failed thresholds**", report, StringComparison.Ordinal);
        Assert.Equal("fail", summary.GetProperty("verdict").GetString());
        Assert.Contains("rps > 100000", summary.GetProperty("headline").GetString(), StringComparison.Ordinal);

        (report, summary) = await OutputsAsync(outs["undecided"]);
        Assert.Contains("LoadOps gate-undecided: Inconclusive", report, StringComparison.Ordinal);
        Assert.Equal("inconclusive", summary.GetProperty("verdict").GetString());
        Assert.Equal("inconclusive", summary.GetProperty("runs")[0].GetProperty("verdict").GetString());

        (report, summary) = await OutputsAsync(outs["unknown"]);
        Assert.Contains("### ⚠️ LoadOps no-such-test: Invalid definition", report, StringComparison.Ordinal);
        Assert.Contains("No definition named 'no-such-test'", report, StringComparison.Ordinal);
        Assert.Equal("invalid", summary.GetProperty("verdict").GetString());
        Assert.Equal("failed", summary.GetProperty("status").GetString());

        (report, summary) = await OutputsAsync(outs["late"]);
        Assert.StartsWith(GateReport.TimeoutHeading, report, StringComparison.Ordinal);
        Assert.Contains("No verdict within 1s", report, StringComparison.Ordinal);
        Assert.Equal("inconclusive", summary.GetProperty("verdict").GetString());
        Assert.Equal(3, summary.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task A_gate_without_a_test_waits_for_the_runs_a_signed_push_to_serve_started_and_a_bad_token_is_refused()
    {
        await using var rig = await GateRig.StartAsync(azurite, Ct);
        var commit = Commit();
        var push = $$"""
            {"ref":"refs/heads/main","after":"{{commit}}","deleted":false,
             "commits":[{"id":"{{commit}}","added":[],"removed":[],"modified":["loadtests/pass.loadtest.yaml"]}],
             "repository":{"full_name":"{{GateRig.Repository}}"},"sender":{"login":"octocat"} }
            """;
        using var http = new HttpClient();
        using var delivery = new HttpRequestMessage(HttpMethod.Post, $"{rig.Url}/api/github/webhook") { Content = new StringContent(push, Encoding.UTF8, "application/json") };
        delivery.Headers.Add("X-GitHub-Event", "push");
        delivery.Headers.Add("X-GitHub-Delivery", "push-" + commit[..8]);
        delivery.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(GateRig.WebhookSecret, Encoding.UTF8.GetBytes(push)));
        var folder = Path.Combine(rig.Folder, "gate-push");

        var refused = await rig.GateAsync(Path.Combine(rig.Folder, "gate-refused"), commit, null, "3m", token: "not-the-token-123");
        var accepted = await http.SendAsync(delivery, Ct);
        var gate = await rig.GateAsync(folder, commit, null, "3m");

        Assert.Equal(2, refused.Exit);
        Assert.Contains("401", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-token-123", refused.Output + refused.Error + rig.Log, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.True(gate.Exit == 1, $"exit {gate.Exit}: {gate.Output} {gate.Error}{Environment.NewLine}{rig.Log}");
        var (report, summary) = await OutputsAsync(folder);
        Assert.Equal(3, summary.GetProperty("runs").GetArrayLength());
        Assert.Equal("fail", summary.GetProperty("verdict").GetString());
        Assert.StartsWith("gate-fail-", summary.GetProperty("runId").GetString(), StringComparison.Ordinal);
        Assert.Contains("### ✅ LoadOps gate-pass: Pass", report, StringComparison.Ordinal);
        Assert.Contains("### ❌ LoadOps gate-fail: Fail", report, StringComparison.Ordinal);
        Assert.Contains("LoadOps gate-undecided: Inconclusive", report, StringComparison.Ordinal);
    }
}
