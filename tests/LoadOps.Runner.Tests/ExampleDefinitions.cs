using LoadOps.Core.Definitions;
using LoadOps.Core.Policy;
using LoadOps.Core.Validation;

namespace LoadOps.Runner.Tests;

/// <summary>The definitions in examples/loadtests, validated as a user's would be and pointed at a test's own target.</summary>
internal static class ExampleDefinitions
{
    public static async Task<LoadTestDefinition> LoadAsync(string fileName, string baseUrl, LoadSpec load)
    {
        var path = Path.Combine(RepositoryRoot(), "examples", "loadtests", fileName);
        var validation = DefinitionValidator.Validate(path, await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken), LoadPolicy.Default);
        Assert.True(validation.IsValid, string.Join("\n", validation.Errors));
        return validation.Definition! with
        {
            Target = validation.Definition.Target with { BaseUrl = baseUrl },
            Load = load,
        };
    }

    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LoadOps.sln")))
            folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("LoadOps.sln not found");
    }
}
