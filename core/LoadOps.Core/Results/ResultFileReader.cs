using System.Text.Json;
using LoadOps.Core.Serialization;

namespace LoadOps.Core.Results;

/// <summary>Reads a result file from a stream; bad input becomes a <see cref="MergeProblem"/> naming the source, never an exception.</summary>
public static class ResultFileReader
{
    public static async Task<ReadOutcome> ReadAsync(Stream stream, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            var result = await JsonSerializer.DeserializeAsync<ResultFile>(stream, LoadOpsJson.Options, cancellationToken);
            if (result is null)
                return ReadOutcome.Failed(new(source, "the file holds JSON null, not a result."));
            return result.Version == ResultFile.CurrentVersion
                ? ReadOutcome.Read(result)
                : ReadOutcome.Failed(new(source, $"result file version {result.Version} is not supported; this loadops reads version {ResultFile.CurrentVersion}."));
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "";
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" (field {e.Path})";
            return ReadOutcome.Failed(new(source, $"not a valid result file{where}{field}: {FirstSentence(e.Message)}"));
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
