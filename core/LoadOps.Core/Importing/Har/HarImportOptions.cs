namespace LoadOps.Core.Importing.Har;

/// <summary>How a HAR becomes a definition: the host to keep (null: the most frequent) and the test's name.</summary>
public sealed record HarImportOptions(string Name, string? Host = null);
