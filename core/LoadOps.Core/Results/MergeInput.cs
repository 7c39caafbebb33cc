namespace LoadOps.Core.Results;

/// <summary>
/// One result file for <see cref="ResultAccumulator.AddAllAsync"/>: its name in problems, and how to open its UTF-8
/// JSON (null when it does not exist). Opened on any thread, a few at a time.
/// </summary>
public sealed record MergeInput(string Source, Func<CancellationToken, Task<Stream?>> Open);
