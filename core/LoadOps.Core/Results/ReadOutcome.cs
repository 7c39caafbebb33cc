namespace LoadOps.Core.Results;

/// <summary>Either a result read from its file or why it could not be read.</summary>
public sealed record ReadOutcome(ResultFile? Result, MergeProblem? Problem)
{
    public static ReadOutcome Read(ResultFile result) => new(result, null);

    public static ReadOutcome Failed(MergeProblem problem) => new(null, problem);
}
