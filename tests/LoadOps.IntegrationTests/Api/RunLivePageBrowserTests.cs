using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using LoadOps.IntegrationTests.Gate;

namespace LoadOps.IntegrationTests.Api;

/// <summary>
/// The live page of a run (<c>GET /api/runs/{id}/live</c>) in headless Chromium (Debian <c>chromium</c>) while a real
/// run goes on: <c>loadops serve</c> on Azurite, two local runner processes uploading snapshots every second. The page
/// is opened with the bearer header, then refreshes itself with the token from its fragment only; its DOM is read
/// while it runs. Skipped where Chromium is not installed.
/// </summary>
public sealed partial class RunLivePageBrowserTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("""<table id="figures">.*?<tbody><tr><td>(?<elapsed>[^<]*)</td><td>(?<requests>\d+)</td>""", RegexOptions.Singleline)]
    private static partial Regex FiguresRow();

    [GeneratedRegex("data-draws=\"(?<draws>\\d+)\"")]
    private static partial Regex Draws();

    [Fact]
    public async Task The_page_draws_the_growing_figures_refreshing_itself_with_the_fragment_token_until_the_verdict()
    {
        Assert.SkipUnless(File.Exists(HeadlessChromium.Executable), "Debian chromium is not installed (apt-get install -y chromium).");
        await using var rig = await GateRig.StartAsync(azurite, Ct, live: true);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GateRig.Token);
        var commit = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        using var started = await http.PostAsJsonAsync($"{rig.Url}/api/runs",
            new { repository = GateRig.Repository, commit, branch = "main", test = GateRig.LiveTest }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = JsonDocument.Parse(await started.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("runIds")[0].GetString()!;
        var page = $"{rig.Url}/api/runs/{runId}/live?refresh=1";

        using (var anonymous = new HttpClient())
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(page, Ct)).StatusCode);

        await using var chromium = await HeadlessChromium.StartAsync(Ct);
        await chromium.SetHeadersAsync(new Dictionary<string, string> { ["Authorization"] = "Bearer " + GateRig.Token }, Ct);
        await chromium.NavigateAsync($"{page}#token={GateRig.Token}", Ct);
        var dom = "";
        for (var i = 0; i < 100 && !dom.Contains("id=\"heading\">LoadOps", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100, Ct);
            dom = await chromium.DomAsync(Ct);
        }
        Assert.Contains("<h1 id=\"heading\">LoadOps gate-live: live</h1>", dom, StringComparison.Ordinal);
        // From here on the page's fetches carry only the token of its fragment.
        await chromium.SetHeadersAsync(new Dictionary<string, string>(), Ct);

        var running = new List<(int Draws, long Requests, string Dom)>();
        for (var until = DateTime.UtcNow.AddSeconds(90); DateTime.UtcNow < until && !dom.Contains("id=\"report\"", StringComparison.Ordinal);)
        {
            await Task.Delay(500, Ct);
            dom = await chromium.DomAsync(Ct);
            if (dom.Contains(": live</h1>", StringComparison.Ordinal) && FiguresRow().Match(dom) is { Success: true } row)
                running.Add((int.Parse(Draws().Match(dom).Groups["draws"].Value, System.Globalization.CultureInfo.InvariantCulture), long.Parse(row.Groups["requests"].Value, System.Globalization.CultureInfo.InvariantCulture), dom));
        }

        var context = $"{running.Count} live DOMs\n{dom}\n{rig.Log}";
        Assert.True(running.Count >= 2, context);
        Assert.True(running[^1].Draws > running[0].Draws, context);
        Assert.True(running[^1].Requests > running[0].Requests, context);
        // Requests grew after the header was cleared: the refreshes were let in by the fragment's token alone.
        var last = running[^1].Dom;
        Assert.DoesNotMatch("<p id=\"status\">[^<]*refresh refused", last);
        Assert.Contains("shards reporting", last, StringComparison.Ordinal);
        Assert.Contains("<td>local</td>", last, StringComparison.Ordinal);
        Assert.Matches(@"<td>\d:\d\d of 0:08</td>", last);
        Assert.Contains("<polyline class=\"rps\"", last, StringComparison.Ordinal);
        Assert.Contains("<polyline class=\"p95\"", last, StringComparison.Ordinal);
        // The run ended while the page watched: it shows the outcome, links the report and stops refreshing.
        Assert.Matches("<h1 id=\"heading\">LoadOps gate-live: (pass|inconclusive)</h1>", dom);
        Assert.Contains($"/api/runs/{runId}/report.html", dom, StringComparison.Ordinal);
        Assert.DoesNotContain(GateRig.Token, dom, StringComparison.Ordinal);
    }
}
