namespace LoadOps.Core.Definitions;

/// <summary>How a virtual user's iteration picks a row of a data set.</summary>
public enum DataPick
{
    /// <summary>Rows in file order, shared by every user of the shard, starting again after the last.</summary>
    Sequential,

    /// <summary>Any row, uniformly at random, each iteration.</summary>
    Random,

    /// <summary>Each row at most once in the whole run: shards get disjoint row ranges.</summary>
    Unique,
}

/// <summary>What a shard does when its <see cref="DataPick.Unique"/> rows run out.</summary>
public enum DataExhausted
{
    /// <summary>The shard stops starting iterations and records why.</summary>
    Stop,

    /// <summary>The shard starts again at its first row (rows are then reused).</summary>
    Recycle,
}

/// <summary>
/// One entry of <c>data:</c>: a CSV or JSON-lines file committed beside the definition, read in templates as
/// <c>{{ NAME.COLUMN }}</c>. <see cref="File"/> is relative to the definition's folder.
/// </summary>
public sealed record DataSetSpec(string Name, string File, DataPick Pick = DataPick.Sequential, DataExhausted OnExhausted = DataExhausted.Stop)
{
    public SourcePosition At { get; init; }
}
