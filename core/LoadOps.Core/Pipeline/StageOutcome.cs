namespace LoadOps.Core.Pipeline;

/// <summary>
/// What a stage did with one message: the messages to enqueue next (none when the message was a duplicate or the run
/// waits for more shards) and a sentence for the log.
/// </summary>
public sealed record StageOutcome(IReadOnlyList<object> Next, string Note)
{
    public static StageOutcome Done(string note) => new([], note);

    public static StageOutcome Then(object next, string note) => new([next], note);
}
