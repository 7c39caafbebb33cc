using LoadOps.Core.Data;
using LoadOps.Core.Definitions;
using LoadOps.Core.Templates;

namespace LoadOps.Runner.Execution;

/// <summary>
/// The shard's data set rows and how each iteration takes one per set: sequential rows and unique rows advance one
/// shared cursor per set (so unique rows are used once in this shard, and the planner gave each shard its own
/// range), random rows are drawn anew. When a unique set with <c>onExhausted: stop</c> runs out, <see cref="Exhausted"/>
/// fires and <see cref="ExhaustedReason"/> says why, so the shard stops starting iterations.
/// </summary>
internal sealed class DataRows
{
    private readonly DataTable[] _tables;
    private readonly DataSetSpec[] _sets;
    private readonly long[] _cursors;
    private readonly Dictionary<(string Set, string Column), (int Set, int Column)> _columns = [];
    private readonly CancellationTokenSource _exhausted = new();

    private DataRows(DataTable[] tables, DataSetSpec[] sets)
    {
        _tables = tables;
        _sets = sets;
        _cursors = new long[tables.Length];
        for (var s = 0; s < tables.Length; s++)
            for (var c = 0; c < tables[s].Columns.Count; c++)
                _columns[(tables[s].Name, tables[s].Columns[c])] = (s, c);
    }

    public static DataRows None { get; } = new([], []);

    /// <summary>Fires once when a unique set with <c>onExhausted: stop</c> has no row left.</summary>
    public CancellationToken Exhausted => _exhausted.Token;

    public string? ExhaustedReason { get; private set; }

    public int Count => _tables.Length;

    /// <summary>The shard's rows for the definition's sets; reports a set or column the templates read but the spec lacks.</summary>
    public static DataRows Compile(IReadOnlyList<DataSetSpec> sets, IReadOnlyList<DataTable> tables, IEnumerable<Template> templates, List<string> errors)
    {
        var matched = new List<(DataTable, DataSetSpec)>();
        foreach (var set in sets)
        {
            if (tables.FirstOrDefault(t => t.Name == set.Name) is { } table && table.Rows.All(r => r.Count == table.Columns.Count))
                matched.Add((table, set));
            else
                errors.Add($"data set '{set.Name}': the shard spec carries no well-formed rows for it; plan the run again with the data file");
        }
        var rows = new DataRows(matched.Select(m => m.Item1).ToArray(), matched.Select(m => m.Item2).ToArray());
        foreach (var part in templates.SelectMany(t => t.DataColumns).Distinct())
        {
            if (!sets.Any(s => s.Name == part.Set))
                errors.Add($"{{{{ {part.Set}.{part.Column} }}}}: the definition declares no data set '{part.Set}'");
            else if (matched.Any(m => m.Item2.Name == part.Set) && !rows._columns.ContainsKey((part.Set, part.Column)))
                errors.Add($"{{{{ {part.Set}.{part.Column} }}}}: data set '{part.Set}' has no column '{part.Column}'");
        }
        return rows;
    }

    /// <summary>Takes this iteration's row of every set for <paramref name="user"/>; false when a unique set ran out and the shard must stop.</summary>
    public bool Bind(VirtualUser user)
    {
        if (_tables.Length == 0)
            return true;
        var bound = user.Rows ??= new IReadOnlyList<string>?[_tables.Length];
        for (var s = 0; s < _tables.Length; s++)
        {
            var count = _tables[s].Rows.Count;
            var set = _sets[s];
            if (set.Pick == DataPick.Random && count > 0)
            {
                bound[s] = _tables[s].Rows[Random.Shared.Next(count)];
                continue;
            }
            var next = Interlocked.Increment(ref _cursors[s]) - 1;
            if (set.Pick == DataPick.Unique && set.OnExhausted == DataExhausted.Stop && next >= count || count == 0)
            {
                Exhaust(set, _tables[s], count);
                return false;
            }
            bound[s] = _tables[s].Rows[(int)(next % count)];
        }
        return true;
    }

    /// <summary>The value of <paramref name="part"/> in the row <paramref name="user"/> holds; null before any row was bound.</summary>
    public string? Value(DataPart part, VirtualUser user) =>
        user.Rows is { } bound && _columns.TryGetValue((part.Set, part.Column), out var at) && bound[at.Set] is { } row ? row[at.Column] : null;

    private void Exhaust(DataSetSpec set, DataTable table, int count)
    {
        lock (_exhausted)
        {
            if (ExhaustedReason is not null)
                return;
            ExhaustedReason = count == 0
                ? $"data set '{set.Name}' gave this shard no rows (more shards than rows?); the shard started no iteration"
                : $"data set '{set.Name}' (pick: unique) ran out of rows: this shard used its {count} row(s) (rows {table.FirstRow + 1} to {table.FirstRow + count} of the file) and stopped starting iterations (onExhausted: stop)";
        }
        _exhausted.Cancel();
    }
}
