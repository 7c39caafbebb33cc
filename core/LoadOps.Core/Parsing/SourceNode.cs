using LoadOps.Core.Definitions;

namespace LoadOps.Core.Parsing;

/// <summary>A YAML node with the position it started at; built by <see cref="SourceTreeReader"/>.</summary>
internal abstract record SourceNode(SourcePosition At)
{
    /// <summary>What the node is, as an error message names it ("a mapping", "a list", "text 'abc'").</summary>
    public abstract string Describe();
}

/// <summary>A scalar; <see cref="IsPlain"/> is false when it was quoted or a block scalar (so never a number, bool or null).</summary>
internal sealed record SourceScalar(SourcePosition At, string Value, bool IsPlain, int QuoteWidth, bool IsSingleLine) : SourceNode(At)
{
    /// <summary>A plain empty value, <c>~</c> or <c>null</c>: YAML's null.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>Where the character at <paramref name="offset"/> of the value stands, when the value sits on one line.</summary>
    public SourcePosition PositionOf(int offset) =>
        IsSingleLine && offset >= 0 ? At with { Column = At.Column + QuoteWidth + offset } : At;

    public override string Describe() => IsNull
        ? "no value"
        : IsPlain ? $"'{Shorten(Value)}'" : $"the text \"{Shorten(Value)}\"";

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}

internal sealed record SourceMapping(SourcePosition At, IReadOnlyList<SourceEntry> Entries) : SourceNode(At)
{
    public override string Describe() => "a mapping";
}

internal sealed record SourceEntry(SourceScalar Key, SourceNode Value);

internal sealed record SourceSequence(SourcePosition At, IReadOnlyList<SourceNode> Items) : SourceNode(At)
{
    public override string Describe() => "a list";
}
