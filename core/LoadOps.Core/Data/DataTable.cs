namespace LoadOps.Core.Data;

/// <summary>
/// The rows of one data set as a shard receives them: the header's column names and, for each row, one value per
/// column. <see cref="FirstRow"/> is the 0-based position of the first row in the file (a unique set's shard gets a
/// range), so messages can say which rows a shard had.
/// </summary>
public sealed record DataTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public int FirstRow { get; init; }

    /// <summary>The rows from <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive).</summary>
    public DataTable Range(int start, int end) =>
        this with { Rows = Rows.Skip(start).Take(end - start).ToList(), FirstRow = FirstRow + start };
}
