using LoadOps.Core.Data;
using LoadOps.Core.Definitions;

namespace LoadOps.Core.Planning;

/// <summary>
/// Which rows of each data set a shard gets: all of them for sequential and random sets; for unique sets the
/// shard's own contiguous range (sizes differ by at most one row), so no row is used by two shards of a run.
/// </summary>
public static class DataShare
{
    public static IReadOnlyList<DataTable> For(IReadOnlyList<DataSetSpec> sets, IReadOnlyList<DataTable> tables, int shardIndex, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(tables);
        var shares = new List<DataTable>(tables.Count);
        foreach (var table in tables)
        {
            var set = sets.FirstOrDefault(s => s.Name == table.Name);
            if (set?.Pick != DataPick.Unique)
            {
                shares.Add(table);
                continue;
            }
            var (start, end) = RangeOf(table.Rows.Count, shardIndex, shardCount);
            shares.Add(table.Range(start, end));
        }
        return shares;
    }

    /// <summary>Rows [start, end) of <paramref name="rows"/> for shard <paramref name="index"/> of <paramref name="count"/>.</summary>
    public static (int Start, int End) RangeOf(int rows, int index, int count) =>
        ((int)((long)rows * index / count), (int)((long)rows * (index + 1) / count));
}
