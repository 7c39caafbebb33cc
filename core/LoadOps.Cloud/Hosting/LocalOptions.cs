namespace LoadOps.Cloud.Hosting;

/// <summary><c>LoadOps:Local</c>: a checked-out repository to read definitions from, instead of GitHub.</summary>
public sealed class LocalOptions
{
    public const string SectionName = "LoadOps:Local";

    public string? RepositoryPath { get; set; }
}
