namespace LoadOps.Core.Results;

/// <summary>Why an input could not be merged, naming the input (a file path, a blob name or a shard id).</summary>
public sealed record MergeProblem(string Source, string Message)
{
    public override string ToString() => $"{Source}: {Message}";
}
