namespace LoadOps.Core.Importing;

/// <summary>What an importer returns: the value, or the one problem that stopped it. Importers never throw on user input.</summary>
public sealed record ImportOutcome<T>(T? Value, ImportProblem? Problem)
    where T : class
{
    public bool Succeeded => Problem is null;

    public static ImportOutcome<T> Ok(T value) => new(value, null);

    public static ImportOutcome<T> Failed(ImportProblem problem) => new(null, problem);
}
