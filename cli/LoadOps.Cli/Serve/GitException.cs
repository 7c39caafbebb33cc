namespace LoadOps.Cli.Serve;

/// <summary>A git repository that cannot be used as asked; the message says what is wrong and how to fix it.</summary>
internal sealed class GitException(string message) : Exception(message);
