namespace LoadOps.Core.Tests.Validation;

/// <summary>Finds files of the repository (examples, schema, docs, corpus) from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    public static IEnumerable<string> Examples() =>
        Directory.EnumerateFiles(PathOf("examples/loadtests"), "*.loadtest.yaml").Order(StringComparer.Ordinal);

    public static IEnumerable<string> Corpus() =>
        Directory.EnumerateFiles(PathOf("tests/LoadOps.Core.Tests/Validation/Corpus"), "*.loadtest.yaml").Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LoadOps.sln")))
            folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("LoadOps.sln not found above " + AppContext.BaseDirectory);
    }
}
