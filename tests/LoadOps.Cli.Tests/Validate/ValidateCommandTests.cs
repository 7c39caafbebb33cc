using System.Text.Json;
using LoadOps.Cli.Validate;

namespace LoadOps.Cli.Tests.Validate;

public sealed class ValidateCommandTests
{
    private const string Valid = """
        version: 1
        name: NAME
        target:
          baseUrl: http://127.0.0.1:5080
        load:
          model: open
          stages: [{ duration: 10s, rate: 5 }]
        scenarios:
          - name: main
            steps:
              - name: home
                request: GET /health

        """;

    [Fact]
    public async Task The_examples_are_valid_under_their_own_policy()
    {
        var (exit, output, _) = await Run("validate", Path.Combine(TempRepository.RepositoryRoot(), "examples", "loadtests"));
        Assert.Equal(0, exit);
        Assert.Contains("8 definitions checked: valid.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_output_shows_the_line_and_a_caret_under_the_column()
    {
        using var repo = new TempRepository();
        var file = repo.Write("loadtests/a.loadtest.yaml", Valid.Replace("NAME", "a", StringComparison.Ordinal)
            .Replace("scenarios:", "scenarois:", StringComparison.Ordinal).Replace("rate: 5", "rate: 5x", StringComparison.Ordinal));
        var (exit, output, _) = await Run("validate", file);
        Assert.Equal(1, exit);
        var lines = output.Split('\n');
        var at = Array.FindIndex(lines, l => l.EndsWith(":7:35: error LO005: load.stages[0].rate must be a number, found '5x'", StringComparison.Ordinal));
        Assert.True(at >= 0, output);
        Assert.Equal("    7 |   stages: [{ duration: 10s, rate: 5x }]", lines[at + 1]);
        Assert.Equal("      |                                   ^", lines[at + 2]);
        Assert.Contains(":8:1: error LO004: unknown key 'scenarois' in the test; did you mean 'scenarios'?", output, StringComparison.Ordinal);
        Assert.Contains("1 definition checked: 3 errors in 1 file.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_is_an_array_of_camel_case_records()
    {
        using var repo = new TempRepository();
        var file = repo.Write("x.loadtest.yml", Valid.Replace("NAME", "Bad Name", StringComparison.Ordinal));
        var (exit, output, _) = await Run("validate", file, "--format", "json");
        Assert.Equal(1, exit);
        var record = Assert.Single(JsonDocument.Parse(output).RootElement.EnumerateArray());
        Assert.Equal("LO009", record.GetProperty("code").GetString());
        Assert.Equal(2, record.GetProperty("line").GetInt32());
        Assert.Equal(7, record.GetProperty("column").GetInt32());
        Assert.Equal("error", record.GetProperty("severity").GetString());
        Assert.EndsWith("x.loadtest.yml", record.GetProperty("file").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(record.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Github_output_is_one_workflow_command_per_problem()
    {
        using var repo = new TempRepository();
        var file = repo.Write("g.loadtest.yaml", Valid.Replace("NAME", "g", StringComparison.Ordinal).Replace("GET /health", "GET /health\n        expect: { status: 700 }", StringComparison.Ordinal));
        var (exit, output, _) = await Run("validate", file, "--format", "github");
        Assert.Equal(1, exit);
        Assert.Matches(@"^::error file=[^,]*g\.loadtest\.yaml,line=13,col=27,title=LO033::scenarios\[0\]\.steps\[0\]\.expect\.status is 700; it must be between 100 and 599\r?$",
            output.Split('\n')[0]);
    }

    [Theory]
    [InlineData("50% done\r\nnext", "50%25 done%0D%0Anext", "50%25 done%0D%0Anext")]
    [InlineData("a:b,c", "a:b,c", "a%3Ab%2Cc")]
    public void Github_output_escapes_data_and_properties(string raw, string data, string property)
    {
        Assert.Equal(data, GithubErrorRenderer.Data(raw));
        Assert.Equal(property, GithubErrorRenderer.Property(raw));
    }

    [Fact]
    public async Task Duplicate_names_across_a_folder_are_reported_on_the_second_file()
    {
        using var repo = new TempRepository();
        repo.Write("loadtests/a.loadtest.yaml", Valid.Replace("NAME", "same", StringComparison.Ordinal));
        repo.Write("loadtests/sub/b.loadtest.yaml", Valid.Replace("NAME", "same", StringComparison.Ordinal));
        var (exit, output, _) = await Run("validate", Path.Combine(repo.Root, "loadtests"));
        Assert.Equal(1, exit);
        Assert.Contains("sub/b.loadtest.yaml:2:7: error LO010:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_repository_policy_is_found_by_walking_up_and_its_own_errors_are_located()
    {
        using var repo = new TempRepository();
        var file = repo.Write("loadtests/a.loadtest.yaml", Valid.Replace("NAME", "a", StringComparison.Ordinal).Replace("rate: 5", "rate: 50", StringComparison.Ordinal));
        repo.Write(".loadops/policy.yaml", "maxTotalRate: 10\n");
        var (exit, output, _) = await Run("validate", file);
        Assert.Equal(1, exit);
        Assert.Contains("error LO042: peak rate 50 requests/s is above the policy's maxTotalRate 10", output, StringComparison.Ordinal);

        repo.Write(".loadops/policy.yaml", "maxTotalRate: 100\nmaxRunnerz: 2\n");
        (exit, output, _) = await Run("validate", file);
        Assert.Equal(1, exit);
        Assert.Contains(".loadops/policy.yaml:2:1: error LO004: unknown key 'maxRunnerz' in the policy; did you mean 'maxRunners'?", output, StringComparison.Ordinal);

        var explicitPolicy = repo.Write("other-policy.yaml", "maxTotalRate: 100\n");
        (exit, _, _) = await Run("validate", file, "--policy", explicitPolicy);
        Assert.Equal(0, exit);
    }

    [Fact]
    public async Task Warnings_alone_do_not_fail()
    {
        using var repo = new TempRepository();
        var file = repo.Write("w.loadtest.yaml", Valid.Replace("NAME", "w", StringComparison.Ordinal) + "thresholds: [\"p95 < 1s\", \"p95 < 1s\"]\n");
        var (exit, output, _) = await Run("validate", file);
        Assert.Equal(0, exit);
        Assert.Contains("warning LO037", output, StringComparison.Ordinal);
        Assert.Contains("1 definition checked: valid, 1 warning.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Literal_secrets_are_reported_without_printing_the_line()
    {
        using var repo = new TempRepository();
        var file = repo.Write("s.loadtest.yaml", Valid.Replace("NAME", "s", StringComparison.Ordinal)
            .Replace("baseUrl: http://127.0.0.1:5080", "baseUrl: http://127.0.0.1:5080\n  headers: { Authorization: \"Bearer sup3rS3cretValue123\" }", StringComparison.Ordinal));
        var (exit, output, _) = await Run("validate", file);
        Assert.Equal(1, exit);
        Assert.Contains("LO046", output, StringComparison.Ordinal);
        Assert.DoesNotContain("sup3rS3cretValue123", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-folder")]
    [InlineData("EMPTY")]
    [InlineData("--format=xml")]
    public async Task Usage_problems_exit_with_2_and_explain_on_stderr(string argument)
    {
        using var repo = new TempRepository();
        var args = argument switch
        {
            "EMPTY" => new[] { "validate", repo.Root },
            "--format=xml" => ["validate", repo.Write("a.loadtest.yaml", Valid), "--format", "xml"],
            _ => ["validate", Path.Combine(repo.Root, argument)],
        };
        var (exit, output, error) = await Run(args);
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith("loadops validate: ", error, StringComparison.Ordinal);
    }

    private static Task<(int Exit, string Output, string Error)> Run(params string[] args) => CliRun.RunAsync(args);
}
