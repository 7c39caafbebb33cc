using LoadOps.Cli.Files;
using LoadOps.Core.Definitions;
using LoadOps.Core.Engines;
using LoadOps.Core.Policy;

namespace LoadOps.Cli.Run;

/// <summary>
/// Reads an <c>engine: jmeter</c> definition's plan from this checkout, with the same rules as its data files
/// (<see cref="LocalDataFiles"/>): relative to the definition's folder, inside the repository, links included.
/// </summary>
internal static class LocalPlanFile
{
    public static Task<JMeterPlanLoader.Outcome> LoadAsync(
        LoadTestDefinition definition, string definitionFile, string shown, LoadPolicy policy, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(definitionFile);
        var root = RepositoryRoot.Find(full) ?? Path.GetDirectoryName(full)!;
        var relative = Path.GetRelativePath(root, full).Replace('\\', '/');
        return JMeterPlanLoader.LoadAsync(definition, relative, shown,
            (path, token) => LocalDataFiles.ReadAsync(root, path, token), cancellationToken,
            path => Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(root, path)), policy);
    }
}
