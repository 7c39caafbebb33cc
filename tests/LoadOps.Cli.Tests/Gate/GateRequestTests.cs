using LoadOps.Cli.Gate;

namespace LoadOps.Cli.Tests.Gate;

public sealed class GateRequestTests
{
    private static readonly Dictionary<string, string?> WithToken = new() { [GateOptions.TokenVariable] = "secret-token-value" };

    private static async Task<(GateOptions? Options, string Error)> ResolveAsync(GateRequest request, Dictionary<string, string?> environment)
    {
        var error = new StringWriter();
        var options = await request.ResolveAsync(name => environment.GetValueOrDefault(name), error, TestContext.Current.CancellationToken);
        return (options, error.ToString());
    }

    [Fact]
    public async Task A_complete_command_line_resolves_with_the_token_from_the_environment()
    {
        var (options, error) = await ResolveAsync(new GateRequest("https://loadops.example.net", "90s", "out", "checkout", "octo/shop", "abcdef1", "main"), WithToken);

        Assert.Equal("", error);
        Assert.Equal("secret-token-value", options!.Token);
        Assert.Equal(TimeSpan.FromSeconds(90), options.Timeout);
        Assert.Equal("checkout", options.Test);
        Assert.Equal(Path.GetFullPath("out"), options.OutDirectory);
    }

    [Fact]
    public async Task Every_problem_gets_its_own_line_and_the_token_is_never_echoed()
    {
        var (options, error) = await ResolveAsync(new GateRequest("ftp://x", "forever", null, null, "octo/shop", "abcdef1", "main"), new());

        Assert.Null(options);
        Assert.Contains("--url must be an http(s) URL", error, StringComparison.Ordinal);
        Assert.Contains("set LOADOPS_TOKEN", error, StringComparison.Ordinal);
        Assert.Contains("--timeout must be a duration", error, StringComparison.Ordinal);
        Assert.Equal(3, error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task A_definition_file_as_test_stands_for_its_name_and_an_invalid_one_is_refused_with_its_errors()
    {
        var folder = Directory.CreateTempSubdirectory("loadops-gate-").FullName;
        try
        {
            var good = Path.Combine(folder, "good.loadtest.yaml");
            await File.WriteAllTextAsync(good, """
                version: 1
                name: checkout-flow
                target: { baseUrl: http://127.0.0.1:5080 }
                load: { model: closed, stages: [ { duration: 2s, users: 1 } ] }
                scenarios:
                  - name: s
                    steps: [ { name: a, request: GET / } ]
                """, TestContext.Current.CancellationToken);
            var bad = Path.Combine(folder, "bad.loadtest.yaml");
            await File.WriteAllTextAsync(bad, "version: 1\nname: Bad Name\n", TestContext.Current.CancellationToken);

            var (resolved, _) = await ResolveAsync(new GateRequest("http://127.0.0.1:7071", null, null, good, "octo/shop", "abcdef1", "main"), WithToken);
            var (refused, error) = await ResolveAsync(new GateRequest("http://127.0.0.1:7071", null, null, bad, "octo/shop", "abcdef1", "main"), WithToken);
            var (missing, notFound) = await ResolveAsync(new GateRequest("http://127.0.0.1:7071", null, null, "loadtests/none.loadtest.yaml", "octo/shop", "abcdef1", "main"), WithToken);

            Assert.Equal("checkout-flow", resolved!.Test);
            Assert.Null(refused);
            Assert.Contains("bad.loadtest.yaml:", error, StringComparison.Ordinal);
            Assert.Contains("error LO", error, StringComparison.Ordinal);
            Assert.Null(missing);
            Assert.Contains("file not found", notFound, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
