namespace LoadOps.Core.Importing;

/// <summary>
/// Why a file could not be imported, located so the user can open the file at the spot: a line (and column) for text
/// formats, a JSON path where the file parsed but a field is wrong. <see cref="Fix"/> says what to do about it.
/// </summary>
public sealed record ImportProblem(string File, string Message, string Fix)
{
    public int? Line { get; init; }
    public int? Column { get; init; }

    /// <summary>Where in a JSON document, e.g. <c>$.log.entries[3].request.url</c>.</summary>
    public string? JsonPath { get; init; }

    public override string ToString()
    {
        var where = File;
        if (Line is { } line)
            where += Column is { } column ? $":{line}:{column}" : $":{line}";
        if (JsonPath is not null)
            where += $" (at {JsonPath})";
        return $"{where}: {Message}; {Fix}";
    }
}
