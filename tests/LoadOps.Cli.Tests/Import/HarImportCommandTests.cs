using System.Text.Json;

namespace LoadOps.Cli.Tests.Import;

public sealed class HarImportCommandTests : IDisposable
{
    private readonly ImportFiles _files = new();

    [Fact]
    public async Task The_chromium_recording_becomes_a_definition_loadops_validate_accepts()
    {
        var target = _files.Output("shop.loadtest.yaml");
        var (exit, output, error) = await CliRun.RunAsync("import", "har", ImportFiles.Example("shop.har"), "--out", target);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Empty(output);
        Assert.Contains("6 step(s) for http://127.0.0.1:5187 (the most frequent host", error, StringComparison.Ordinal);
        Assert.Contains("dropped #2 GET https://cdn.example.test/lib/analytics.js: third-party host", error, StringComparison.Ordinal);
        Assert.Contains("extracted cartId = $.cartId of post-api-cart, used by get-api-cart-id", error, StringComparison.Ordinal);
        Assert.Contains("LOADOPS_SECRET_AUTHORIZATION, LOADOPS_SECRET_COOKIE", error, StringComparison.Ordinal);

        var (valid, validOutput, _) = await CliRun.RunAsync("validate", target);
        Assert.True(valid == ExitCodes.Ok, validOutput);
    }

    [Fact]
    public async Task No_credential_of_the_recording_reaches_any_output()
    {
        var target = _files.Output("shop.loadtest.yaml");
        var (_, output, error) = await CliRun.RunAsync("import", "har", ImportFiles.Example("shop.har"), "--out", target);
        var written = File.ReadAllText(target) + output + error;
        using var har = JsonDocument.Parse(File.ReadAllText(ImportFiles.Example("shop.har")));
        var credentials = har.RootElement.GetProperty("log").GetProperty("entries").EnumerateArray()
            .SelectMany(e => e.GetProperty("request").GetProperty("headers").EnumerateArray())
            .Where(h => h.GetProperty("name").GetString() is "Authorization" or "Cookie")
            .SelectMany(h => h.GetProperty("value").GetString()!.Split(' ', '='))
            .Where(part => part.Length >= 8).Distinct().ToList();
        Assert.NotEmpty(credentials);
        Assert.All(credentials, value => Assert.DoesNotContain(value, written, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_out_the_definition_goes_to_standard_output()
    {
        var (exit, output, _) = await CliRun.RunAsync("import", "har", ImportFiles.Example("edge-cases.har"), "--name", "edge");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("name: edge\n", output, StringComparison.Ordinal);
        Assert.Contains("baseUrl: \"http://shop.test\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_har_names_the_file_and_line_and_exits_2()
    {
        var bad = _files.Write("broken.har", "{\n  \"log\": {\n    \"entries\": [\n      { \"request\": { \"method\": \"GET\" } }\n    ]\n  }\n}\n");
        var (exit, output, error) = await CliRun.RunAsync("import", "har", bad);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Empty(output);
        Assert.Equal($"error: {bad}:4 (at $.log.entries[0].request.url): the request has no url; give a HAR file as browsers save it (DevTools > Network > Save all as HAR)", error.Trim());
    }

    [Fact]
    public async Task Invalid_json_names_line_and_column_without_a_stack_trace()
    {
        var bad = _files.Write("truncated.har", "{\n  \"log\": {\n    \"entries\": [\n");
        var (exit, _, error) = await CliRun.RunAsync("import", "har", bad);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.StartsWith($"error: {bad}:4:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_named()
    {
        var missing = _files.Output("nope.har");
        var (exit, _, error) = await CliRun.RunAsync("import", "har", missing);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal($"error: {missing}: file not found.", error.Trim());
    }

    public void Dispose() => _files.Dispose();
}
