using LoadOps.Core.Importing.Results;
using LoadOps.Core.Results;

namespace LoadOps.Core.Importing.JMeter;

/// <summary>
/// Imports a JMeter results file (JTL), CSV (with a header row, or JMeter's default columns) or XML: every sample
/// becomes one request in the histogram of its label, in the interval of its start time.
/// </summary>
public static class JtlImporter
{
    public const string Tool = "jmeter";

    public static ImportOutcome<ResultFile> Import(string file, string text, ImportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(settings);
        var builder = new ImportedResultBuilder(settings.Interval);
        var problem = text.TrimStart().StartsWith('<')
            ? JtlXmlReader.Read(file, text, builder)
            : JtlCsvReader.Read(file, text, builder);
        if (problem is not null)
            return ImportOutcome<ResultFile>.Failed(problem);
        if (builder.Count == 0)
            return ImportOutcome<ResultFile>.Failed(new ImportProblem(file, "the JTL holds no samples",
                "give the file JMeter wrote with -l after a run that sent requests"));
        return ImportOutcome<ResultFile>.Ok(builder.Build(settings));
    }
}
