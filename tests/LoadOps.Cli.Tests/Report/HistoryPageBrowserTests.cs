using System.Diagnostics;

namespace LoadOps.Cli.Tests.Report;

/// <summary>
/// The history page as headless Chromium (Debian <c>chromium</c>) builds it: the DOM after the page has loaded, read
/// with <c>--dump-dom</c>, must hold the charts, the marks and the tables. Skipped where Chromium is not installed.
/// </summary>
public sealed class HistoryPageBrowserTests : IDisposable
{
    private readonly ResultFixtures _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Chromium_builds_the_history_page_with_its_charts_marks_and_tables()
    {
        var html = _files.Path("history.html");
        var (exit, _, error) = await CliRun.RunAsync("report", "--history", HistoryReportTests.WriteHistory(_files), "--test", "checkout",
            "--format", "html", "--out", html);
        Assert.True(exit == 0, error);

        var dom = await DumpDomAsync(html);

        Assert.Contains("<h1>History of checkout</h1>", dom, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(dom, "<svg "));
        // One dot per run and series (p50, p95, p99, rps, errors), each naming its run on hover.
        Assert.Equal(12 * 5, CountOf(dom, "<circle "));
        Assert.Contains("<title>accepted baseline: run night-06 (commit c06abcd)</title>", dom, StringComparison.Ordinal);
        Assert.Contains("<title>change point: p95 +", dom, StringComparison.Ordinal);
        Assert.Contains("id=\"change-points\"", dom, StringComparison.Ordinal);
        Assert.Contains("id=\"comparison\"", dom, StringComparison.Ordinal);
        Assert.Equal(12, CountOf(dom, "title=\"run night-"));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    internal static async Task<string> DumpDomAsync(string file)
    {
        const string chromium = "/usr/bin/chromium";
        Assert.SkipUnless(File.Exists(chromium), "Debian chromium is not installed (apt-get install -y chromium).");
        var profile = Directory.CreateTempSubdirectory("loadops-chromium-");
        try
        {
            var start = new ProcessStartInfo(chromium)
            {
                ArgumentList = { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                    $"--user-data-dir={profile.FullName}", "--dump-dom", new Uri(Path.GetFullPath(file)).AbsoluteUri },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(2));
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            _ = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            return await output;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
