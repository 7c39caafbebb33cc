namespace LoadOps.Core.Results;

/// <summary>An input read and decoded off the merging thread: its staged counts and envelope, or why it could not be read.</summary>
internal sealed record StagedRead(string Source, StagedInput Staged, ResultFile? Envelope, MergeProblem? Problem);
