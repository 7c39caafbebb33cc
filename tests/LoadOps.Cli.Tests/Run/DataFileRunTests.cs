namespace LoadOps.Cli.Tests.Run;

/// <summary><c>loadops run</c> reads the data files beside the definition and refuses bad ones before any runner starts.</summary>
public sealed class DataFileRunTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("loadops-data-run-").FullName;

    public DataFileRunTests() => Directory.CreateDirectory(Path.Combine(_root, ".git"));

    private string Write(string column = "email", string? csv = "email,password\na@x.test,p1\n", string file = "data/users.csv")
    {
        var folder = Path.Combine(_root, "loadtests");
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        if (csv is not null)
            File.WriteAllText(Path.Combine(folder, "data", "users.csv"), csv);
        var path = Path.Combine(folder, "users.loadtest.yaml");
        File.WriteAllText(path, $$$"""
            version: 1
            name: users
            target: { baseUrl: http://127.0.0.1:9 }
            load:
              model: open
              stages: [{ duration: 1s, rate: 1 }]
            data:
              - { name: users, file: {{{file}}} }
            scenarios:
              - name: main
                steps:
                  - { name: login, request: "GET /login?u={{ users.{{{column}}} }}" }
            """);
        return path;
    }

    [Fact]
    public async Task A_missing_data_file_is_named_with_LO070_and_exit_2()
    {
        var outcome = await LoadOpsProcess.RunAsync(_root, ["run", Write(csv: null)]);
        Assert.Equal(2, outcome.Exit);
        Assert.Contains("LO070", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("data/users.csv", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_column_is_LO074_at_the_template()
    {
        var outcome = await LoadOpsProcess.RunAsync(_root, ["run", Write(column: "mail")]);
        Assert.Equal(2, outcome.Exit);
        Assert.Contains("LO074", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("did you mean 'email'?", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_csv_line_is_named_by_file_and_line()
    {
        var outcome = await LoadOpsProcess.RunAsync(_root, ["run", Write(csv: "email,password\na@x.test,p1\n\"b@x.test,p2\n")]);
        Assert.Equal(2, outcome.Exit);
        Assert.Contains("LO073", outcome.Error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("loadtests", "data", "users.csv") + ":3", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_outside_the_repository_is_refused_with_LO071()
    {
        var outcome = await LoadOpsProcess.RunAsync(_root, ["run", Write(file: "../../../etc/passwd")]);
        Assert.Equal(2, outcome.Exit);
        Assert.Contains("LO071", outcome.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
