using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using LoadOps.Cli.Gate;

namespace LoadOps.Cli.Tests.Gate;

public sealed class GateRunnerTests
{
    private const string Token = "gate-runner-token-42";

    private static GateOptions Options(string url, string folder, string? test = "checkout", double timeoutSeconds = 30) =>
        new(new Uri(url), Token, TimeSpan.FromSeconds(timeoutSeconds), folder, "octo/shop", "abcdef1", "main")
        {
            Test = test,
            FirstPoll = TimeSpan.FromMilliseconds(20),
            MaxPoll = TimeSpan.FromMilliseconds(50),
        };

    private static async Task<(int Exit, string Output, string Error)> GateAsync(GateOptions options)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var http = new HttpClient();
        var exit = await new GateRunner(http, output, error, TimeProvider.System).RunAsync(options, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    private static string View(string status, string outcome, bool finished) => $$"""
        {"runId":"checkout-1","test":"checkout","repository":"octo/shop","trigger":"api","status":"{{status}}","finished":{{(finished ? "true" : "false")}},
         "outcome":"{{outcome}}","verdict":{{(finished ? "\"regression\"" : "null")}},"headline":"p95 went up","p95DeltaPercent":12.5,"shardCount":2,"shardsDone":0,"shardsReported":1,
         "reports":[{"name":"report.md","blob":"runs/checkout-1/report.md","url":"http://x/api/runs/checkout-1/report.md"}],"reportUrl":"http://x/api/runs/checkout-1/report.html","statusUrl":"http://x/api/runs/checkout-1"}
        """;

    [Fact]
    public async Task Starts_the_run_waits_through_not_found_and_running_then_writes_the_report_and_summary()
    {
        await using var api = await StubApi.StartAsync((request, call) => (request.Method, request.Path.Value, call) switch
        {
            ("POST", "/api/runs", _) => (202, """{"requestId":"api-1","runIds":["checkout-1"],"statusUrl":"http://x/api/runs/checkout-1"}"""),
            ("GET", "/api/runs/checkout-1", 2) => (404, """{"error":"No run checkout-1 (yet)"}"""),
            ("GET", "/api/runs/checkout-1", 3) => (200, View("running", "pending", false)),
            ("GET", "/api/runs/checkout-1", _) => (200, View("reported", "fail", true)),
            ("GET", "/api/runs/checkout-1/report.md", _) => (200, "### ❌ LoadOps checkout: Regression"),
            _ => (500, """{"error":"unexpected"}"""),
        });
        var folder = Directory.CreateTempSubdirectory("loadops-gate-").FullName;

        var (exit, output, _) = await GateAsync(Options(api.Url, folder));

        Assert.Equal(1, exit);
        Assert.Contains("### ❌ LoadOps checkout: Regression", output, StringComparison.Ordinal);
        Assert.Contains("checkout (checkout-1) running, 1/2 shards reported", output, StringComparison.Ordinal);
        Assert.Equal("### ❌ LoadOps checkout: Regression", (await File.ReadAllTextAsync(Path.Combine(folder, "report.md"), TestContext.Current.CancellationToken)).Trim());
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "summary.json"), TestContext.Current.CancellationToken));
        Assert.Equal("fail", summary.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(12.5, summary.RootElement.GetProperty("p95DeltaPercent").GetDouble());
        Assert.Equal("http://x/api/runs/checkout-1/report.html", summary.RootElement.GetProperty("reportUrl").GetString());
        Assert.All(api.Authorizations, a => Assert.Equal($"Bearer {Token}", a));
        Assert.DoesNotContain(Token, output, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Ctrl_c_while_waiting_exits_3_with_the_report_of_what_was_seen()
    {
        await using var api = await StubApi.StartAsync((request, _) => (request.Method, request.Path.Value) switch
        {
            ("POST", "/api/runs") => (202, """{"requestId":"api-1","runIds":["checkout-1"],"statusUrl":"http://x/api/runs/checkout-1"}"""),
            ("GET", "/api/runs/checkout-1") => (200, View("running", "pending", false)),
            _ => (500, """{"error":"unexpected"}"""),
        });
        var folder = Directory.CreateTempSubdirectory("loadops-gate-").FullName;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        stop.CancelAfter(TimeSpan.FromMilliseconds(400));
        var output = new StringWriter();
        using var http = new HttpClient();

        var exit = await new GateRunner(http, output, new StringWriter(), TimeProvider.System).RunAsync(Options(api.Url, folder), stop.Token);

        Assert.Equal(3, exit);
        Assert.Contains("stopped by Ctrl-C", output.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "report.md")));
        Assert.True(File.Exists(Path.Combine(folder, "summary.json")));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_refused_token_exits_2_with_the_apis_reason_and_without_the_token()
    {
        await using var api = await StubApi.StartAsync((_, _) => (401, """{"error":"The API token is not valid here (not one of LoadOps:Api:Tokens)."}"""));

        var (exit, output, error) = await GateAsync(Options(api.Url, Path.Combine(Path.GetTempPath(), "unused-gate-out"), test: null));

        Assert.Equal(2, exit);
        Assert.Contains("answered 401: The API token is not valid here", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, output + error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("checkout")]
    [InlineData(null)]
    public async Task An_unreachable_url_exits_2_with_one_line(string? test)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (exit, _, error) = await GateAsync(Options($"http://127.0.0.1:{port}", Path.Combine(Path.GetTempPath(), "unused-gate-out"), test));

        Assert.Equal(2, exit);
        Assert.Contains("cannot reach http://127.0.0.1:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_that_never_finish_are_inconclusive_at_the_timeout()
    {
        await using var api = await StubApi.StartAsync((_, _) => (200, """{"runs":[]}"""));
        var folder = Directory.CreateTempSubdirectory("loadops-gate-").FullName;

        var (exit, output, _) = await GateAsync(Options(api.Url, folder, test: null, timeoutSeconds: 0.3));

        Assert.Equal(3, exit);
        Assert.Contains("no run for octo/shop at abcdef1 yet", output, StringComparison.Ordinal);
        Assert.StartsWith(GateReport.TimeoutHeading, await File.ReadAllTextAsync(Path.Combine(folder, "report.md"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }
}
