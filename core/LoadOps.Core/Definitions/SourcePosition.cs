namespace LoadOps.Core.Definitions;

/// <summary>Where a value stood in its definition file; 1-based, as editors show it.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public static readonly SourcePosition Unknown = new(0, 0);

    public override string ToString() => $"{Line}:{Column}";
}
