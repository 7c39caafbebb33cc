using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using LoadOps.Cloud.Api;
using LoadOps.Core.Serialization;

namespace LoadOps.IntegrationTests.Gate;

/// <summary>
/// Live figures end to end: <c>loadops serve</c> on Azurite with two real local runner processes uploading interim
/// snapshots every second; <c>GET /api/runs/{id}</c> shows the merged figures while the run is under way and
/// <c>loadops gate</c> prints them while it waits.
/// </summary>
public sealed class LiveFiguresEndToEndTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_under_way_shows_growing_merged_figures_of_both_runners_in_the_api_and_in_the_gate_output()
    {
        await using var rig = await GateRig.StartAsync(azurite, Ct, live: true);
        var commit = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var gating = rig.GateAsync(Path.Combine(rig.Folder, "gate-live"), commit, GateRig.LiveTest, "3m");

        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GateRig.Token);
        var seen = new List<RunView>();
        string? runId = null;
        while (!gating.IsCompleted)
        {
            runId ??= await FindRunAsync(http, rig.Url, commit);
            if (runId is not null)
            {
                var view = LoadOpsJson.Deserialize<RunView>(await http.GetStringAsync($"{rig.Url}/api/runs/{runId}", Ct));
                if (view.Live is not null)
                    seen.Add(view);
            }
            await Task.Delay(500, Ct);
        }
        var (exit, output, error) = await gating;
        var context = $"exit {exit}\n{output}\n{error}\n{rig.Log}";

        Assert.True(exit is 0 or 3, context);
        Assert.True(seen.Count >= 2, $"{seen.Count} views with live figures\n{context}");
        var first = seen[0].Live!;
        var last = seen[^1].Live!;
        Assert.All(seen, v => Assert.False(v.Finished));
        Assert.Equal(2, last.ShardCount);
        Assert.Equal(8, last.TotalSeconds);
        Assert.True(last.Requests > first.Requests || last.ElapsedSeconds > first.ElapsedSeconds, context);
        Assert.True(last.Requests > 0 && last.Rps > 0 && last.P50Ms > 0 && last.P95Ms >= last.P50Ms && last.P99Ms >= last.P95Ms, JsonSerializer.Serialize(last));
        var location = Assert.Single(last.Locations);
        Assert.Equal("local", location.Location);
        Assert.Equal(last.Requests, location.Requests);
        Assert.NotEmpty(last.Intervals);
        Assert.Equal(last.Failed, last.Intervals.Sum(i => i.Failed));
        Assert.Contains(seen, v => v.Live!.ShardsReporting == 2);
        Assert.Contains($"{GateRig.LiveTest} (", output, StringComparison.Ordinal);
        Assert.Contains("live 0:", output, StringComparison.Ordinal);
        Assert.Matches(@"live \d+:\d\d/0:08, \d+ requests, [\d.]+ rps, p50 [\d.]+ms p95 [\d.]+ms p99 [\d.]+ms, \d+ failed", output);

        // Once reported, the view carries the verdict and no live figures.
        var done = LoadOpsJson.Deserialize<RunView>(await http.GetStringAsync($"{rig.Url}/api/runs/{runId}", Ct));
        Assert.True(done.Finished);
        Assert.Null(done.Live);
    }

    private static async Task<string?> FindRunAsync(HttpClient http, string url, string commit)
    {
        var list = LoadOpsJson.Deserialize<RunList>(await http.GetStringAsync($"{url}/api/runs?repository={GateRig.Repository}&commit={commit}", Ct));
        return list.Runs.FirstOrDefault()?.RunId;
    }
}
