namespace LoadOps.Core.Reports;

/// <summary>A problem in a report template, located at a 1-based line and column.</summary>
public sealed record TemplateError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
