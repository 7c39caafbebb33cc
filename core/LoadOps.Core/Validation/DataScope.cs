using LoadOps.Core.Data;
using LoadOps.Core.Definitions;

namespace LoadOps.Core.Validation;

/// <summary>
/// The data sets a definition declares, and every <c>{{ SET.COLUMN }}</c> its templates read (the columns are
/// checked against the files once they are read, by <see cref="DataFileLoader"/>).
/// </summary>
internal sealed class DataScope(IReadOnlyCollection<string> names)
{
    private readonly List<DataColumnUse> _uses = [];

    public static DataScope None { get; } = new([]);

    public IReadOnlyList<DataColumnUse> Uses => _uses;

    /// <summary>Null when <paramref name="set"/> is declared (the use is recorded), else what to fix.</summary>
    public string? Use(string set, string column, SourcePosition at)
    {
        if (names.Contains(set))
        {
            _uses.Add(new DataColumnUse(set, column, at));
            return null;
        }
        var nearest = NearestName.Find(set, names);
        return $"'{{{{ {set}.{column} }}}}' reads data set '{set}', which 'data:' does not declare; " +
               (nearest is not null ? $"did you mean '{nearest}'? " : "") +
               "add - { name: " + set + ", file: data/" + set + ".csv } under 'data:'";
    }
}
