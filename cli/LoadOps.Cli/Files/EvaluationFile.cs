using System.Text.Json;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Serialization;

namespace LoadOps.Cli.Files;

/// <summary><c>evaluation.json</c>: a run's verdict, thresholds and baseline comparison, kept beside its <c>result.json</c>.</summary>
internal static class EvaluationFile
{
    public const string FileName = "evaluation.json";

    public static async Task WriteAsync(string path, RunEvaluation evaluation, CancellationToken cancellationToken) =>
        await File.WriteAllTextAsync(path, LoadOpsJson.Serialize(evaluation), cancellationToken);

    /// <summary>The evaluation, or a message naming the file and what is wrong with it.</summary>
    public static async Task<(RunEvaluation? Evaluation, string? Problem)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var text = await File.ReadAllTextAsync(path, cancellationToken);
            return (LoadOpsJson.Deserialize<RunEvaluation>(text), null);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            var where = e is JsonException { LineNumber: { } line } ? $" (line {line + 1})" : "";
            return (null, $"{path}{where}: not a readable evaluation: {e.Message}");
        }
    }
}
