using System.Text;
using LoadOps.Core.Definitions;
using LoadOps.Core.Validation;

namespace LoadOps.Core.Data;

/// <summary>
/// Reads the data files a valid definition names through the same reader as the definition (a checkout, git, GitHub),
/// and checks them: inside the repository, present, within <see cref="MaxFileBytes"/>, parseable with a header, and
/// holding every column the templates read. Never throws on user input.
/// </summary>
public static class DataFileLoader
{
    /// <summary>Largest data file read; rows travel inside every shard, so big sets belong in the target's own fixtures.</summary>
    public const int MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>Reads a repository-relative path (forward slashes); null when the file does not exist.</summary>
    public delegate Task<string?> ReadFile(string path, CancellationToken cancellationToken);

    public sealed record Outcome(IReadOnlyList<DataTable> Tables, IReadOnlyList<DefinitionError> Errors)
    {
        public bool IsValid => Errors.All(e => e.Severity != Severity.Error);
    }

    /// <param name="definitionPath">The definition's repository-relative path; data files are relative to its folder.</param>
    /// <param name="shown">The definition's path as errors show it.</param>
    public static async Task<Outcome> LoadAsync(
        LoadTestDefinition definition, string definitionPath, string shown, IReadOnlyList<DataColumnUse> uses, ReadFile read,
        CancellationToken cancellationToken, Func<string, string>? display = null)
    {
        display ??= path => path;
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(read);
        var tables = new List<DataTable>();
        var errors = new List<DefinitionError>();
        foreach (var set in definition.Data)
        {
            void Fail(string code, string message) =>
                errors.Add(new DefinitionError(shown, Math.Max(1, set.At.Line), Math.Max(1, set.At.Column), code, $"data '{set.Name}': {message}", Severity.Error));

            if (RepositoryPath(definitionPath, set.File) is not { } path)
            {
                Fail(ValidationCodes.DataFileOutsideRepository,
                    $"file '{set.File}' is outside the repository; give a path relative to the definition's folder, such as data/users.csv");
                continue;
            }
            var text = await read(path, cancellationToken);
            if (text is null)
            {
                Fail(ValidationCodes.DataFileNotFound, $"file '{set.File}' was not found (looked for {path}); commit it beside the definition or fix the path");
                continue;
            }
            if (text.Length > MaxFileBytes || Encoding.UTF8.GetByteCount(text) > MaxFileBytes)
            {
                Fail(ValidationCodes.DataFileTooLarge, $"file '{set.File}' is larger than {MaxFileBytes / (1024 * 1024)} MB; keep a sample of the rows");
                continue;
            }
            if (DataFileParser.Parse(set.Name, path, text, out var failure) is not { } table)
            {
                errors.Add(new DefinitionError(display(path), failure!.Line, 1, ValidationCodes.MalformedDataFile,
                    $"{failure.Message} (data '{set.Name}' of {shown})", Severity.Error));
                continue;
            }
            foreach (var use in uses.Where(u => u.Set == set.Name && !table.Columns.Contains(u.Column)).DistinctBy(u => u.Column))
            {
                var nearest = NearestName.Find(use.Column, table.Columns);
                errors.Add(new DefinitionError(shown, Math.Max(1, use.At.Line), Math.Max(1, use.At.Column), ValidationCodes.UnknownDataColumn,
                    $"'{{{{ {set.Name}.{use.Column} }}}}': {path} has no column '{use.Column}'; " +
                    (nearest is null ? "" : $"did you mean '{nearest}'? ") + $"its columns are {string.Join(", ", table.Columns)}", Severity.Error));
            }
            if (table.Rows.Count == 0)
                Fail(ValidationCodes.EmptyDataFile, $"file '{set.File}' has a header but no rows; add at least one row");
            tables.Add(table);
        }
        return new Outcome(errors.Count == 0 ? tables : [], errors);
    }

    /// <summary>The repository-relative path of <paramref name="file"/> beside <paramref name="definitionPath"/>, or null when it leaves the repository.</summary>
    public static string? RepositoryPath(string definitionPath, string file)
    {
        if (file.Length == 0 || file.StartsWith('/') || file.Contains('\\') || file.Contains(':'))
            return null;
        var folder = definitionPath.Replace('\\', '/');
        var slash = folder.LastIndexOf('/');
        var parts = new List<string>(slash < 0 ? [] : folder[..slash].Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var part in file.Split('/'))
        {
            if (part is "" or ".")
                continue;
            if (part == "..")
            {
                if (parts.Count == 0)
                    return null;
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return parts.Count == 0 ? null : string.Join('/', parts);
    }
}
