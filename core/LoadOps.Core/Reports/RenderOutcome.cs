namespace LoadOps.Core.Reports;

/// <summary>A rendered report, or the template errors that stopped it.</summary>
public sealed record RenderOutcome
{
    private RenderOutcome(string? text, IReadOnlyList<TemplateError> errors)
    {
        Text = text;
        Errors = errors;
    }

    public string? Text { get; }
    public IReadOnlyList<TemplateError> Errors { get; }
    public bool Succeeded => Text is not null;

    public static RenderOutcome Success(string text) => new(text, []);

    public static RenderOutcome Failure(IReadOnlyList<TemplateError> errors) =>
        errors.Count == 0 ? throw new ArgumentException("A failure needs at least one error.", nameof(errors)) : new(null, errors);
}
