using LoadOps.Core.Data;
using LoadOps.Core.Policy;
using LoadOps.Core.Validation;

namespace LoadOps.Core.Tests.Data;

public sealed class DataFileLoaderTests
{
    private const string Definition = """
        version: 1
        name: data-case
        target: { baseUrl: http://127.0.0.1:5080 }
        load:
          model: open
          stages: [{ duration: 10s, rate: 5 }]
        data:
          - { name: users, file: data/users.csv, pick: unique }
        scenarios:
          - name: main
            steps:
              - name: login
                request: GET /health?u={{ users.email }}&p={{ users.pasword }}
        """;

    private static async Task<DataFileLoader.Outcome> LoadAsync(Dictionary<string, string> files, string text = Definition)
    {
        var validation = DefinitionValidator.Validate("loadtests/t.loadtest.yaml", text, LoadPolicy.Default);
        Assert.True(validation.IsValid, string.Join("\n", validation.Errors));
        return await DataFileLoader.LoadAsync(validation.Definition!, "loadtests/t.loadtest.yaml", "loadtests/t.loadtest.yaml", validation.DataUses,
            (path, _) => Task.FromResult(files.GetValueOrDefault(path)), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_missing_file_is_LO070_at_the_data_entry()
    {
        var outcome = await LoadAsync([]);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal((ValidationCodes.DataFileNotFound, 8, 5), (error.Code, error.Line, error.Column));
        Assert.Contains("loadtests/data/users.csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_column_the_header_lacks_is_LO074_at_the_template_with_the_nearest_name()
    {
        var outcome = await LoadAsync(new() { ["loadtests/data/users.csv"] = "email,password\na@x.test,p1\n" });
        var error = Assert.Single(outcome.Errors);
        Assert.Equal((ValidationCodes.UnknownDataColumn, 13, 52), (error.Code, error.Line, error.Column));
        Assert.Contains("did you mean 'password'?", error.Message, StringComparison.Ordinal);
        Assert.False(outcome.IsValid);
    }

    [Fact]
    public async Task A_row_with_too_many_fields_is_LO073_naming_the_data_file_and_its_line()
    {
        var outcome = await LoadAsync(new() { ["loadtests/data/users.csv"] = "email,pasword\na@x.test,p1\nb@x.test,p2,extra\n" });
        var error = Assert.Single(outcome.Errors);
        Assert.Equal(("loadtests/data/users.csv", 3, ValidationCodes.MalformedDataFile), (error.File, error.Line, error.Code));
        Assert.Contains("3 field(s) but the header has 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_without_a_header_row_is_refused()
    {
        var outcome = await LoadAsync(new() { ["loadtests/data/users.csv"] = "a@x.test,p1\n" });
        Assert.Equal(ValidationCodes.MalformedDataFile, Assert.Single(outcome.Errors).Code);
    }

    [Fact]
    public async Task A_file_over_the_limit_is_LO072()
    {
        var big = "email,pasword\n" + new string('x', DataFileLoader.MaxFileBytes);
        var outcome = await LoadAsync(new() { ["loadtests/data/users.csv"] = big });
        Assert.Equal(ValidationCodes.DataFileTooLarge, Assert.Single(outcome.Errors).Code);
    }

    [Fact]
    public async Task A_path_above_the_repository_is_LO071_and_never_read()
    {
        var outcome = await LoadAsync(new() { ["etc/passwd"] = "email,pasword\na,b\n" }, Definition.Replace("data/users.csv", "../../etc/passwd"));
        Assert.Equal(ValidationCodes.DataFileOutsideRepository, Assert.Single(outcome.Errors).Code);
    }

    [Fact]
    public async Task A_header_without_rows_is_LO075()
    {
        var outcome = await LoadAsync(new() { ["loadtests/data/users.csv"] = "email,pasword\n" });
        Assert.Equal(ValidationCodes.EmptyDataFile, Assert.Single(outcome.Errors).Code);
    }

    [Fact]
    public async Task Json_lines_give_the_first_objects_keys_as_columns()
    {
        var outcome = await LoadAsync(new() { ["loadtests/data/users.jsonl"] = "{\"email\":\"a@x.test\",\"pasword\":1}\n\n{\"email\":\"b@x.test\",\"pasword\":\"p2\"}\n" },
            Definition.Replace("users.csv", "users.jsonl"));
        Assert.True(outcome.IsValid, string.Join("\n", outcome.Errors));
        var table = Assert.Single(outcome.Tables);
        Assert.Equal(["email", "pasword"], table.Columns);
        Assert.Equal(["a@x.test", "1"], table.Rows[0]);
        Assert.Equal(2, table.Rows.Count);
    }

    [Theory]
    [InlineData("loadtests/t.loadtest.yaml", "data/u.csv", "loadtests/data/u.csv")]
    [InlineData("loadtests/t.loadtest.yaml", "../shared/u.csv", "shared/u.csv")]
    [InlineData("t.loadtest.yaml", "./u.csv", "u.csv")]
    [InlineData("loadtests/t.loadtest.yaml", "../../u.csv", null)]
    [InlineData("loadtests/t.loadtest.yaml", "/etc/u.csv", null)]
    [InlineData("loadtests/t.loadtest.yaml", "C:/u.csv", null)]
    public void Paths_resolve_beside_the_definition_and_never_above_the_root(string definition, string file, string? expected) =>
        Assert.Equal(expected, DataFileLoader.RepositoryPath(definition, file));
}
