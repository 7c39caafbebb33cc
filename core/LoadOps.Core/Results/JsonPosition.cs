namespace LoadOps.Core.Results;

/// <summary>Where a streamed read of a result file is, to name the field in a message (kept as numbers; text only on error).</summary>
internal sealed class JsonPosition
{
    public string? Field { get; set; }
    public int Step { get; set; } = -1;
    public int Interval { get; set; } = -1;
    public string? IntervalField { get; set; }

    /// <summary>Where in the file the reader's span begins: not 0 once it went on after intervals passed over by their bytes (<see cref="MergedIntervals"/>).</summary>
    public int Offset { get; set; }

    public string? Describe()
    {
        if (Field is null)
            return null;
        if (Step < 0 || !string.Equals(Field, "steps", StringComparison.OrdinalIgnoreCase))
            return Field;
        var path = $"steps[{Step}]";
        if (Interval < 0)
            return path;
        path += $".intervals[{Interval}]";
        return IntervalField is null ? path : $"{path}.{IntervalField}";
    }
}
