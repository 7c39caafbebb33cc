namespace LoadOps.Core.Validation;

/// <summary>An error makes a definition invalid; a warning is reported but does not.</summary>
public enum Severity
{
    Error,
    Warning,
}
