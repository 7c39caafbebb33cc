using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using LoadOps.Cloud.Storage;
using LoadOps.Cloud.Tests.Stubs;
using LoadOps.IntegrationTests.Pools;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Publish;

/// <summary>
/// A pull request's run on a real pool agent process (Azurite, the sample target) with the stub GitHub: while the run
/// is under way its <c>loadops/pr-smoke</c> check run is updated in progress with the live figures, at most once per
/// interval, and a 429 from GitHub makes the updates back off; the verdict still completes the check run. GitHub is a
/// stub because no real GitHub can serve here.
/// </summary>
public sealed class LiveCheckRunTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly GitHubPipelineRig.LiveSettings Live = new(TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(1), Interval);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_check_run_shows_the_growing_live_figures_at_most_once_per_interval_then_the_verdict()
    {
        var folder = Directory.CreateTempSubdirectory("loadops-live-check-").FullName;
        using var http = new HttpClient();
        await using var rig = await GitHubPipelineRig.StartAsync(azurite, Ct, clients => (PoolFixtures.Launcher(clients, http), null), ["pool/lab"], TimeSpan.FromSeconds(5), Live);
        using var agent = AgentProcess.Start("lab", await PoolFixtures.AgentQueueUrlAsync(rig.Clients, "lab", Ct), Path.Combine(folder, "agent"));
        var clock = Stopwatch.StartNew();
        var progress = new ConcurrentQueue<(TimeSpan At, JsonObject Body)>();
        rig.GitHub.Fault = r =>
        {
            if (InProgressUpdate(r) is { } body)
                progress.Enqueue((clock.Elapsed, body));
            return null;
        };

        Assert.Equal(HttpStatusCode.Accepted, await rig.DeliverPullRequestAsync("live-delivery-1", Ct));
        var (run, notes) = await RunAsync(rig, RunIds.For("live-delivery-1", GitHubPipelineRig.TestName));

        var context = $"{run.Status}: {run.StatusReason}\n{string.Join("\n", notes)}\n{string.Join("\n", rig.Log)}\nagent:\n{agent.Output}";
        Assert.True(run.Status == RunStatus.Reported, context);
        var updates = progress.ToList();
        // An 8 s load with snapshots every second and updates at most every second: several updates, never two within
        // half an interval (the throttle decides before the GitHub calls, whose latency varies), and no more than the
        // span between the first and last allows.
        Assert.True(updates.Count >= 2, $"{updates.Count} updates\n{context}");
        var gaps = updates.Zip(updates.Skip(1), (a, b) => b.At - a.At).ToList();
        Assert.All(gaps, gap => Assert.True(gap >= Interval / 2, $"updates {gap.TotalMilliseconds:0} ms apart\n{context}"));
        Assert.True(updates.Count <= (updates[^1].At - updates[0].At) / Interval + 1.5, $"{updates.Count} updates over {(updates[^1].At - updates[0].At).TotalSeconds:0.0} s");
        Assert.Equal(updates.Count, notes.Count(n => n.Contains("check run updated", StringComparison.Ordinal)));

        var titles = updates.Select(u => u.Body["output"]!["title"]!.GetValue<string>()).ToList();
        Assert.All(titles, t => Assert.Matches(@"^Running: \d+:\d\d of 0:08, \d+ requests, p95 [\d.]+ms$", t));
        var requests = titles.Select(t => long.Parse(t.Split(", ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(requests.Order().ToList(), requests);
        Assert.True(requests[^1] > requests[0], string.Join(",", requests));
        var summary = updates[^1].Body["output"]!["summary"]!.GetValue<string>();
        TestContext.Current.TestOutputHelper?.WriteLine($"{updates.Count} live updates, gaps {string.Join(", ", gaps.Select(g => g.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))} s; last:\n{titles[^1]}\n{summary}");
        Assert.StartsWith("### ⏳ LoadOps pr-smoke: running", summary, StringComparison.Ordinal);
        Assert.Contains("of 0:08 elapsed; 1 of 1 shards reporting", summary, StringComparison.Ordinal);
        Assert.Contains("| requests | rps | p50 | p95 | p99 | failed | dropped |", summary, StringComparison.Ordinal);
        Assert.Contains("| pool/lab | ", summary, StringComparison.Ordinal);
        Assert.Matches(@"```\nrps [▁▂▃▄▅▆▇█ ]+\np95 [▁▂▃▄▅▆▇█ ]+\n```", summary);

        // The verdict replaces the live figures: the check run ends completed with the report.
        var check = Assert.Single(rig.GitHub.CheckRuns.Values, c => c["name"]!.GetValue<string>() == "loadops/" + GitHubPipelineRig.TestName);
        Assert.Equal("completed", check["status"]!.GetValue<string>());
        Assert.DoesNotContain("running", check["output"]!["summary"]!.GetValue<string>()[..40], StringComparison.Ordinal);
        Assert.DoesNotContain(GitHubPipelineRig.SecretValue, rig.GitHub.AllPostedText, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", rig.GitHub.AllPostedText + string.Join("\n", notes), StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_429_from_GitHub_makes_live_updates_back_off_doubling_and_the_verdict_is_still_posted()
    {
        var folder = Directory.CreateTempSubdirectory("loadops-live-429-").FullName;
        using var http = new HttpClient();
        await using var rig = await GitHubPipelineRig.StartAsync(azurite, Ct, clients => (PoolFixtures.Launcher(clients, http), null), ["pool/lab"], TimeSpan.FromSeconds(5), Live);
        using var agent = AgentProcess.Start("lab", await PoolFixtures.AgentQueueUrlAsync(rig.Clients, "lab", Ct), Path.Combine(folder, "agent"));
        var refused = 0;
        rig.GitHub.Fault = r =>
        {
            if (InProgressUpdate(r) is null)
                return null;
            Interlocked.Increment(ref refused);
            return StubResponse.Json("""{"message":"API rate limit exceeded"}""", 429);
        };

        Assert.Equal(HttpStatusCode.Accepted, await rig.DeliverPullRequestAsync("live-delivery-2", Ct));
        var (run, notes) = await RunAsync(rig, RunIds.For("live-delivery-2", GitHubPipelineRig.TestName));

        var context = $"{run.Status}: {run.StatusReason}\n{string.Join("\n", notes)}\nagent:\n{agent.Output}";
        Assert.True(run.Status == RunStatus.Reported, context);
        var backoffs = notes.Where(n => n.Contains("GitHub answered 429", StringComparison.Ordinal)).ToList();
        Assert.True(backoffs.Count >= 2, context);
        // Twice the interval, then doubling: 2 s, 4 s, 8 s, ... so an 8 s load sees few tries, not one per second.
        Assert.Contains("no live update for 2 s", backoffs[0], StringComparison.Ordinal);
        Assert.Contains("no live update for 4 s", backoffs[1], StringComparison.Ordinal);
        Assert.True(backoffs.Count <= 4, context);
        TestContext.Current.TestOutputHelper?.WriteLine($"{refused} refused PATCH requests (with the client's own retries); back-offs:\n{string.Join("\n", backoffs)}");
        Assert.DoesNotContain(notes, n => n.Contains("check run updated", StringComparison.Ordinal));
        var check = Assert.Single(rig.GitHub.CheckRuns.Values, c => c["name"]!.GetValue<string>() == "loadops/" + GitHubPipelineRig.TestName);
        Assert.Equal("completed", check["status"]!.GetValue<string>());
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>The body of a PATCH that keeps a check run in progress (a live update), or null for any other request.</summary>
    private static JsonObject? InProgressUpdate(RecordedRequest request) =>
        request.Method == "PATCH" && request.Path.Contains("/check-runs/", StringComparison.Ordinal) &&
        JsonNode.Parse(request.BodyText) is JsonObject body && body["status"]?.GetValue<string>() == "in_progress"
            ? body
            : null;

    /// <summary>Pumps the stages and ticks the live updates, as serve's loop does, until the run ends; bounded to two minutes.</summary>
    private static async Task<(RunRecord Run, List<string> Notes)> RunAsync(GitHubPipelineRig rig, string runId)
    {
        var notes = new List<string>();
        for (var until = DateTime.UtcNow.AddMinutes(2); DateTime.UtcNow < until;)
        {
            await rig.Pump.PumpOnceAsync(Ct);
            notes.AddRange(await rig.Stages.Live.TickAsync(Ct));
            if (await rig.Stages.Runs.GetAsync(runId, Ct) is { IsTerminal: true } run)
                return (run, notes);
            await Task.Delay(100, Ct);
        }
        throw new TimeoutException($"Run {runId} did not finish within two minutes: {string.Join("\n", notes)}\n{string.Join("\n", rig.Log)}");
    }
}
