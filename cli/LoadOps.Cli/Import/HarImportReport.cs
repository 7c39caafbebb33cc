using LoadOps.Core.Importing.Har;
using LoadOps.Core.Policy;
using LoadOps.Core.Validation;

namespace LoadOps.Cli.Import;

/// <summary>What <c>import har</c> tells the user on standard error: the host and why, what was dropped, secrets, extracted values.</summary>
internal static class HarImportReport
{
    public static async Task WriteAsync(TextWriter error, string path, HarImport har, DefinitionValidation validation)
    {
        await error.WriteLineAsync($"{path}: {har.StepCount} step(s) for {har.Origin} ({har.HostReason})");
        foreach (var dropped in har.Dropped)
            await error.WriteLineAsync($"  dropped #{dropped.Index} {dropped.Method} {dropped.Url}: {dropped.Reason}");
        foreach (var extracted in har.Extracted)
            await error.WriteLineAsync($"  extracted {extracted}");
        foreach (var note in har.Notes)
            await error.WriteLineAsync($"  note: {note}");
        if (har.Secrets.Count > 0)
            await error.WriteLineAsync($"  secrets to set before a run: {string.Join(", ", har.Secrets.Select(s => $"LOADOPS_SECRET_{s}"))}");
        if (!LoadPolicy.Default.AllowsHost(new Uri(har.Origin).Host))
            await error.WriteLineAsync($"  note: {new Uri(har.Origin).Host} must be in allowedHosts of {LoadPolicy.RepositoryPath} before this test may run");
        foreach (var problem in validation.Errors)
            await error.WriteLineAsync($"  {(problem.Severity == Severity.Error ? "invalid" : "warning")}: {problem}");
    }
}
