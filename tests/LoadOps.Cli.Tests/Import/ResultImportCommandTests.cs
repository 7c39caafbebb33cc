namespace LoadOps.Cli.Tests.Import;

/// <summary>Imports of the fixtures in examples/import, then the project's own compare, merge and report on them.</summary>
public sealed class ResultImportCommandTests : IDisposable
{
    private readonly ImportFiles _files = new();

    [Theory]
    [InlineData("jmeter", "shop-results.jtl", "imported 150 request(s) (60 failed) in 5 step(s)")]
    [InlineData("jmeter", "shop-results.xml.jtl", "imported 150 request(s) (60 failed) in 5 step(s)")]
    [InlineData("k6", "k6-out.json", "imported 48 request(s) (5 failed) in 2 step(s)")]
    [InlineData("gatling", "gatling-simulation.log", "imported 60 request(s) (4 failed) in 2 step(s)")]
    [InlineData("locust", "shop_stats_history.csv", "; approximate: Latencies rebuilt from Locust's stats history")]
    public async Task Each_tool_s_file_becomes_a_result_file(string tool, string file, string expected)
    {
        var target = _files.Output($"{tool}.json");
        var (exit, output, error) = await CliRun.RunAsync("import", tool, ImportFiles.Example(file), "--out", target);
        Assert.True(exit == ExitCodes.Ok, error);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.Contains($"test '{tool}'", output, StringComparison.Ordinal);
        Assert.True(File.Exists(target));
    }

    [Fact]
    public async Task Two_jmeter_runs_are_compared_by_the_regression_check()
    {
        var baseline = await ImportAsync("jmeter", "shop-results.jtl", "csv.json");
        var current = await ImportAsync("jmeter", "shop-results.xml.jtl", "xml.json");
        var (exit, output, error) = await CliRun.RunAsync("compare", "--baseline", baseline, "--current", current);
        Assert.True(exit == ExitCodes.Inconclusive, error);
        Assert.Contains("only 1 baseline run(s)", output, StringComparison.Ordinal);
        foreach (var step in new[] { "browse/add-to-cart", "browse/bad-page", "browse/closed-port", "browse/list-products", "browse/product" })
            Assert.Contains(step, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_given_one_run_id_merge_exactly()
    {
        var a = await ImportAsync("jmeter", "shop-results.jtl", "a.json", "--run-id", "two-machines");
        var b = await ImportAsync("jmeter", "shop-results.xml.jtl", "b.json", "--run-id", "two-machines");
        var (exit, output, error) = await CliRun.RunAsync("merge", a, b, "--out", _files.Output("merged.json"));
        Assert.True(exit == ExitCodes.Ok, error);
        Assert.Contains("merged 2 result(s)", output, StringComparison.Ordinal);
        var (_, imported, _) = await CliRun.RunAsync("report", _files.Output("merged.json"), "--format", "junit");
        Assert.Contains("loadops.jmeter", imported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merging_one_imported_file_twice_is_refused()
    {
        var a = await ImportAsync("k6", "k6-out.json", "a.json", "--run-id", "r");
        var again = await ImportAsync("k6", "k6-out.json", "again.json", "--run-id", "r");
        var (exit, _, error) = await CliRun.RunAsync("merge", a, again, "--out", _files.Output("merged.json"));
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("merging it twice would count its requests twice", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("md")]
    [InlineData("html")]
    [InlineData("slack")]
    [InlineData("junit")]
    public async Task Every_report_of_a_locust_import_says_it_is_approximate(string format)
    {
        var result = await ImportAsync("locust", "shop_stats_history.csv", "locust.json");
        var (exit, output, error) = await CliRun.RunAsync("report", result, "--format", format);
        Assert.True(exit == ExitCodes.Ok, error);
        Assert.Contains("Approximate latencies", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_jmeter_report_carries_no_approximation_warning()
    {
        var result = await ImportAsync("jmeter", "shop-results.jtl", "jmeter.json");
        var (_, output, _) = await CliRun.RunAsync("report", result, "--format", "md");
        Assert.DoesNotContain("Approximate", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jmeter", "timeStamp,elapsed,label,success\n1796306945655,1,a,true\n1796306945655,x,a,true\n", ":3: elapsed 'x'")]
    [InlineData("k6", "{\"type\":\"Point\"\n", ":1:")]
    [InlineData("gatling", "REQUEST\t\ta\tnot-a-time\tOK\n", ":1: a REQUEST record")]
    [InlineData("locust", "Name,Requests/s\nx,1\n", ":1: the header row has no 'Timestamp' column")]
    public async Task Malformed_input_names_file_and_line_and_exits_2(string tool, string text, string expected)
    {
        var bad = _files.Write($"bad-{tool}.txt", text);
        var (exit, output, error) = await CliRun.RunAsync("import", tool, bad);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Empty(output);
        Assert.StartsWith($"error: {bad}{expected}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_output_sits_beside_the_input()
    {
        var copy = _files.Write("run.jtl", File.ReadAllText(ImportFiles.Example("shop-results.jtl")));
        var (exit, _, _) = await CliRun.RunAsync("import", "jmeter", copy);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.True(File.Exists(_files.Output("run.result.json")));
    }

    private async Task<string> ImportAsync(string tool, string file, string output, params string[] more)
    {
        var target = _files.Output(output);
        var (exit, _, error) = await CliRun.RunAsync(["import", tool, ImportFiles.Example(file), "--out", target, .. more]);
        Assert.True(exit == ExitCodes.Ok, error);
        return target;
    }

    public void Dispose() => _files.Dispose();
}
