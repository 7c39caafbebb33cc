using LoadOps.Core.Validation;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Tests.Pipeline;

/// <summary>The pipeline's definition loader reads data files from the same source as the definition, at the same commit.</summary>
public sealed class DefinitionLoaderDataTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("loadops-loader-data-").FullName;

    private void Write(string? csv)
    {
        Directory.CreateDirectory(Path.Combine(_root, "loadtests", "data"));
        if (csv is not null)
            File.WriteAllText(Path.Combine(_root, "loadtests", "data", "ids.csv"), csv);
        File.WriteAllText(Path.Combine(_root, "loadtests", "ids.loadtest.yaml"), """
            version: 1
            name: ids
            target: { baseUrl: http://127.0.0.1:5080 }
            load:
              model: open
              stages: [{ duration: 10s, rate: 5 }]
            data:
              - { name: ids, file: data/ids.csv, pick: unique }
            scenarios:
              - name: main
                steps:
                  - { name: one, request: "GET /api/products/{{ ids.id }}" }
            """);
    }

    [Fact]
    public async Task The_rows_come_with_the_checked_definition()
    {
        Write("id\n1\n2\n3\n");
        var all = await new DefinitionLoader(new LocalDefinitionSource(_root)).LoadAllAsync("local/repo", null, TestContext.Current.CancellationToken);
        var loaded = Assert.Single(all);
        Assert.NotNull(loaded.Definition);
        Assert.Equal(["1", "2", "3"], Assert.Single(loaded.Data).Rows.Select(r => r[0]));
    }

    [Fact]
    public async Task A_missing_data_file_makes_the_definition_invalid_with_LO070()
    {
        Write(null);
        var loaded = await new DefinitionLoader(new LocalDefinitionSource(_root)).LoadAsync("local/repo", null, "loadtests/ids.loadtest.yaml", TestContext.Current.CancellationToken);
        Assert.Null(loaded!.Definition);
        Assert.Contains(loaded.Errors, e => e.Code == ValidationCodes.DataFileNotFound && e.File == "loadtests/ids.loadtest.yaml" && e.Line == 8);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
