using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;

namespace LoadOps.Cli.Tests.Run;

/// <summary>
/// <c>loadops run</c> end to end with a real runner process: the live progress ends on the same totals as the result
/// (the bug: progress stopped on an interim snapshot, "17s of 18s: 821 requests" for a final 1,230) and the summary
/// names status codes and error kinds. The target is a closed loopback port, so every request is refused.
/// </summary>
public sealed partial class RunProgressTests
{
    [GeneratedRegex(@"done: (?<iterations>[\d,]+) iterations, (?<requests>[\d,]+) requests, (?<errors>[\d,]+) errors")]
    private static partial Regex DoneLine();

    [Fact]
    public async Task Live_progress_ends_on_the_totals_of_the_final_result_and_the_summary_names_the_error_kind_and_overrides_are_recorded()
    {
        var folder = Directory.CreateTempSubdirectory("loadops-run-progress-").FullName;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var file = Path.Combine(folder, "progress.loadtest.yaml");
        await File.WriteAllTextAsync(file, $"""
            version: 1
            name: progress
            target: {"{"} baseUrl: "http://127.0.0.1:{port}" {"}"}
            load:
              model: open
              stages:
                - {"{"} duration: 2s, rate: 20 {"}"}
            scenarios:
              - name: main
                steps:
                  - name: home
                    request: GET /health
            runners:
              - {"{"} location: local, count: 1 {"}"}
            """, TestContext.Current.CancellationToken);

        var (_, output, error) = await CliRun.RunAsync("run", file, "--out", Path.Combine(folder, "out"), "--history", Path.Combine(folder, "history"),
            "--rate", "10", "--duration", "2s");

        var done = DoneLine().Match(output);
        Assert.True(done.Success, output + error);
        var result = LoadOpsJson.Deserialize<ResultFile>(await File.ReadAllTextAsync(Path.Combine(folder, "out", "result.json"), TestContext.Current.CancellationToken));
        var summary = ResultSummarizer.Summarize(result);
        Assert.True(summary.Overall.Totals.Total > 0);
        Assert.Equal(summary.Overall.Totals.Total, long.Parse(done.Groups["requests"].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(summary.Overall.Totals.Failed.Total, long.Parse(done.Groups["errors"].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(summary.Overall.Totals.Iterations, long.Parse(done.Groups["iterations"].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("error          refused " + summary.Overall.Totals.Total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), output, StringComparison.Ordinal);
        Assert.DoesNotContain("0us of", output, StringComparison.Ordinal);
        Assert.Equal("10", result.Settings?.Overrides?["rate"]);
        Assert.Equal("2s", result.Settings?.Overrides?["duration"]);
    }
}
