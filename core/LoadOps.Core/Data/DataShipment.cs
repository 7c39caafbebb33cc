using System.Globalization;
using System.Text.Json;
using LoadOps.Core.Serialization;

namespace LoadOps.Core.Data;

/// <summary>
/// What a shard's data rows weigh in the message that carries the shard (they travel inside it), so a transport that
/// refuses a large message can say that the rows are why and what to do.
/// </summary>
public static class DataShipment
{
    /// <summary>"data set 'users': 3000 rows, 75 KB of JSON; …", or null when the shard carries no rows.</summary>
    public static string? Describe(IReadOnlyList<DataTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var parts = tables.Where(t => t.Rows.Count > 0)
            .Select(t => string.Create(CultureInfo.InvariantCulture,
                $"data set '{t.Name}': {t.Rows.Count} rows, {JsonBytes(t) / 1024.0:0.#} KB of JSON"))
            .ToList();
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    public static long JsonBytes(DataTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return JsonSerializer.SerializeToUtf8Bytes(table, LoadOpsJson.Compact).LongLength;
    }
}
