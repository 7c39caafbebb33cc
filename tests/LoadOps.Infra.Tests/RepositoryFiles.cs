using System.Reflection;

namespace LoadOps.Infra.Tests;

/// <summary>Paths of the repository and the bicep binary, baked in at build time.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string BicepBinary { get; } = Metadata("BicepPath");

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string Metadata(string key) =>
        typeof(RepositoryFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing; rebuild LoadOps.Infra.Tests.");
}
