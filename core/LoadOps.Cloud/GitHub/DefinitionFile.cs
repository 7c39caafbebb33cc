namespace LoadOps.Cloud.GitHub;

/// <summary>A load-test definition read from a repository at a commit.</summary>
public sealed record DefinitionFile(string Path, string Content);
