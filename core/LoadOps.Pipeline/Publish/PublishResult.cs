namespace LoadOps.Pipeline.Publish;

/// <summary>What publishing did (<see cref="Done"/>) and what failed (<see cref="Problems"/>, in words, secret-free).</summary>
public sealed record PublishResult(IReadOnlyList<string> Done, IReadOnlyList<string> Problems)
{
    public static PublishResult Nothing { get; } = new([], []);

    public bool HasProblems => Problems.Count > 0;

    public static PublishResult Combine(IEnumerable<PublishResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var list = results.ToList();
        return new PublishResult([.. list.SelectMany(r => r.Done)], [.. list.SelectMany(r => r.Problems)]);
    }

    /// <summary>One line for a log or a run's status reason.</summary>
    public override string ToString() =>
        (Done.Count == 0 ? "nothing published" : "published " + string.Join(", ", Done)) +
        (Problems.Count == 0 ? "" : "; publishing failed: " + string.Join(" | ", Problems));
}
