namespace LoadOps.Core.Results;

/// <summary>Either a merged result or why it could not be made.</summary>
public sealed record MergeOutcome(ResultFile? Result, MergeProblem? Problem)
{
    public static MergeOutcome Merged(ResultFile result) => new(result, null);

    public static MergeOutcome Failed(MergeProblem problem) => new(null, problem);
}
