using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using LoadOps.Core.Serialization;

namespace LoadOps.Cloud.Api;

/// <summary>
/// <c>GET /api/runs/{runId}/live[?refresh=SECONDS]</c>: a page that draws a run's live figures (the <see cref="RunView"/>
/// of <c>GET /api/runs/{runId}</c>, embedded) and refreshes itself by fetching that view every few seconds until the run
/// is finished. Its fetches carry the bearer token from the page's fragment (<c>#token=…</c>, which browsers never send
/// to the server) when there is one, else whatever the browser or an auth proxy sends. Data is written with
/// <c>textContent</c> and SVG elements, never as HTML.
/// </summary>
public static class RunLivePage
{
    public const string Segment = "live";
    public const int DefaultRefreshSeconds = 5;

    private static readonly JsonSerializerOptions Embedded = new(LoadOpsJson.Compact) { Encoder = JavaScriptEncoder.Default };

    public static ApiResponse Answer(RunView view, string? refresh)
    {
        ArgumentNullException.ThrowIfNull(view);
        var seconds = DefaultRefreshSeconds;
        if (refresh is not null && (!int.TryParse(refresh, System.Globalization.CultureInfo.InvariantCulture, out seconds) || seconds is < 1 or > 300))
            return ApiResponse.Error(400, $"refresh={refresh} is not a number of seconds from 1 to 300.");
        var json = JsonSerializer.Serialize(view, Embedded);
        var title = WebUtility.HtmlEncode($"LoadOps {view.Test}: live");
        return new ApiResponse(200, TestHistoryPage.HtmlType, Template
            .Replace("{{title}}", title, StringComparison.Ordinal)
            .Replace("{{refresh}}", (seconds * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{view}}", json, StringComparison.Ordinal));
    }

    private const string Template = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{{title}}</title>
        <style>
        body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2328}
        table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:right}
        th:first-child,td:first-child{text-align:left}#status{color:#59636e}svg{border:1px solid #d0d7de;background:#f6f8fa}
        .rps{stroke:#0969da}.p95{stroke:#cf222e}polyline{fill:none;stroke-width:2}
        </style></head>
        <body>
        <h1 id="heading"></h1>
        <p id="status"></p>
        <table id="figures"><thead><tr><th>elapsed</th><th>requests</th><th>rps</th><th>p50</th><th>p95</th><th>p99</th><th>failed</th><th>dropped</th></tr></thead><tbody></tbody></table>
        <p id="errors"></p>
        <table id="locations"><thead><tr><th>location</th><th>requests</th><th>rps</th><th>p50</th><th>p95</th><th>p99</th><th>failed</th></tr></thead><tbody></tbody></table>
        <svg id="chart" width="640" height="160" viewBox="0 0 640 160" role="img" aria-label="rps (blue) and p95 (red) per interval"></svg>
        <p id="legend"></p>
        <p id="updated"></p>
        <script id="live-view" type="application/json">{{view}}</script>
        <script>
        (function () {
          const refreshMs = {{refresh}};
          const token = new URLSearchParams(location.hash.slice(1)).get("token");
          let view = JSON.parse(document.getElementById("live-view").textContent);
          let draws = 0;
          let problem = "";
          const ms = v => v == null ? "-" : (Math.round(v * 100) / 100) + "ms";
          const num = v => v == null ? "-" : String(Math.round(v * 10) / 10);
          const clock = s => Math.floor(s / 60) + ":" + String(Math.floor(s % 60)).padStart(2, "0");
          function row(body, cells) {
            const tr = document.createElement("tr");
            for (const c of cells) { const td = document.createElement("td"); td.textContent = c; tr.appendChild(td); }
            body.appendChild(tr);
          }
          function line(svg, points, cls, max) {
            if (points.length < 2 || !(max > 0)) return;
            const p = document.createElementNS("http://www.w3.org/2000/svg", "polyline");
            p.setAttribute("class", cls);
            p.setAttribute("points", points.map((v, i) => (i * 620 / (points.length - 1) + 10) + "," + (150 - (v || 0) / max * 140)).join(" "));
            svg.appendChild(p);
          }
          function draw() {
            draws++;
            const live = view.live;
            document.getElementById("heading").textContent = "LoadOps " + view.test + ": " + (view.finished ? view.outcome : "live");
            document.getElementById("status").textContent = view.finished
              ? "Finished (" + view.status + ")" + (view.headline ? ": " + view.headline : "")
              : (live ? "Running: " + live.shardsReporting + " of " + live.shardCount + " shards reporting" : "Waiting for the first snapshot (" + view.status + ")")
              + problem;
            const figures = document.querySelector("#figures tbody"); figures.replaceChildren();
            const locations = document.querySelector("#locations tbody"); locations.replaceChildren();
            const chart = document.getElementById("chart"); chart.replaceChildren();
            document.getElementById("errors").textContent = "";
            if (live) {
              row(figures, [clock(live.elapsedSeconds) + " of " + clock(live.totalSeconds), String(live.requests), num(live.rps), ms(live.p50Ms), ms(live.p95Ms), ms(live.p99Ms), String(live.failed), String(live.dropped)]);
              const kinds = Object.entries(live.errorsByKind || {});
              if (kinds.length) document.getElementById("errors").textContent = "Errors by kind: " + kinds.map(k => k[0] + " " + k[1]).join(", ");
              for (const l of live.locations) row(locations, [l.location, String(l.requests), num(l.rps), ms(l.p50Ms), ms(l.p95Ms), ms(l.p99Ms), String(l.failed)]);
              const rps = live.intervals.map(i => i.rps), p95 = live.intervals.map(i => i.p95Ms);
              const maxRps = Math.max(...rps.map(v => v || 0)), maxP95 = Math.max(...p95.map(v => v || 0));
              line(chart, rps, "rps", maxRps);
              line(chart, p95, "p95", maxP95);
              document.getElementById("legend").textContent = live.intervals.length + " intervals: rps (blue) up to " + num(maxRps) + "/s, p95 (red) up to " + ms(maxP95);
            }
            const updated = document.getElementById("updated");
            updated.textContent = "Drawn " + draws + " time(s); last at " + new Date().toISOString();
            updated.dataset.draws = String(draws);
            if (view.finished && view.reportUrl) {
              const a = document.createElement("a"); a.href = view.reportUrl; a.textContent = "Report"; a.id = "report";
              updated.appendChild(document.createTextNode(" ")); updated.appendChild(a);
            }
          }
          async function refresh() {
            try {
              const answer = await fetch(view.statusUrl, { headers: token ? { Authorization: "Bearer " + token } : {}, cache: "no-store" });
              if (answer.ok) { view = await answer.json(); problem = ""; }
              else problem = "; refresh refused (" + answer.status + "): open the page with #token=TOKEN";
            } catch (e) {
              problem = "; refresh failed, retrying";
            }
            draw();
            if (!view.finished) setTimeout(refresh, refreshMs);
          }
          draw();
          if (!view.finished) setTimeout(refresh, refreshMs);
        })();
        </script>
        </body></html>
        """;
}
