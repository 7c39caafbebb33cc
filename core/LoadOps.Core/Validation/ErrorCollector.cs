using LoadOps.Core.Definitions;

namespace LoadOps.Core.Validation;

/// <summary>Gathers every problem of one file, in the order found.</summary>
internal sealed class ErrorCollector(string file)
{
    private readonly List<DefinitionError> _errors = [];

    public string File => file;

    public IReadOnlyList<DefinitionError> Errors => _errors;

    public bool HasErrors => _errors.Exists(e => e.Severity == Severity.Error);

    public void Error(SourcePosition at, string code, string message) => Add(at, code, message, Severity.Error);

    public void Warning(SourcePosition at, string code, string message) => Add(at, code, message, Severity.Warning);

    /// <summary>Beyond this many problems the file is surely not a definition; more would only bury the first ones.</summary>
    public const int MaxReported = 200;

    private void Add(SourcePosition at, string code, string message, Severity severity)
    {
        if (_errors.Count < MaxReported)
            _errors.Add(new DefinitionError(file, Math.Max(1, at.Line), Math.Max(1, at.Column), code, message, severity));
        else if (_errors.Count == MaxReported && severity == Severity.Error)
            _errors.Add(_errors[^1] with { Message = $"more than {MaxReported} problems; fix these first", Severity = Severity.Error });
    }
}
