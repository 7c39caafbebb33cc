namespace LoadOps.Cli.Tests.Validate;

/// <summary><c>loadops validate</c> reads the data files a definition names, as <c>loadops run</c> does.</summary>
public sealed class ValidateDataFilesTests
{
    private const string Definition = """
        version: 1
        name: with-data
        target:
          baseUrl: http://127.0.0.1:5080
        load:
          model: open
          stages: [{ duration: 10s, rate: 5 }]
        data:
          - { name: users, file: data/users.csv }
        scenarios:
          - name: main
            steps:
              - name: home
                request: GET /api/users/{{ users.email }}

        """;

    [Theory]
    [InlineData(null, "error LO070", "data/users.csv")]                 // the file is missing
    [InlineData("name,password\nann,x\n", "error LO074", "email")]     // a column the templates read is not in it
    public async Task A_data_file_problem_fails_validation_with_its_code(string? csv, string code, string named)
    {
        using var repo = new TempRepository();
        var file = repo.Write("loadtests/a.loadtest.yaml", Definition);
        if (csv is not null)
            repo.Write("loadtests/data/users.csv", csv);

        var (exit, output, _) = await CliRun.RunAsync("validate", file);

        Assert.Equal(1, exit);
        Assert.Contains(code, output, StringComparison.Ordinal);
        Assert.Contains(named, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_definition_whose_data_file_is_good_is_valid()
    {
        using var repo = new TempRepository();
        var file = repo.Write("loadtests/a.loadtest.yaml", Definition);
        repo.Write("loadtests/data/users.csv", "email\nann@example.com\n");

        var (exit, output, _) = await CliRun.RunAsync("validate", file);

        Assert.Equal(0, exit);
        Assert.Contains("1 definition checked: valid.", output, StringComparison.Ordinal);
    }
}
