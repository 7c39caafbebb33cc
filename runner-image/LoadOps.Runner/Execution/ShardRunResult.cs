using LoadOps.Core.Results;

namespace LoadOps.Runner.Execution;

/// <summary>
/// How a shard run ended: the result and where it was written, or the problems that kept it from starting
/// (an unusable spec, a missing secret), each a sentence saying what to fix.
/// </summary>
public sealed record ShardRunResult
{
    public ResultFile? Result { get; init; }
    public string? ResultPath { get; init; }
    public IReadOnlyList<string> Errors { get; init; } = [];

    public bool Started => Result is not null;

    public static ShardRunResult Invalid(IReadOnlyList<string> errors) => new() { Errors = errors };
}
