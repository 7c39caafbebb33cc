namespace LoadOps.Core.Templates;

/// <summary>A parsed template (request line, header value, body). Parse with <see cref="TemplateParser"/>.</summary>
public sealed record Template(IReadOnlyList<TemplatePart> Parts)
{
    /// <summary>Variables the template reads, in order of first use.</summary>
    public IEnumerable<string> Variables => Parts.OfType<VariablePart>().Select(p => p.Name).Distinct();

    public IEnumerable<string> Secrets => Parts.OfType<SecretPart>().Select(p => p.Name).Distinct();

    /// <summary>The launch variables (<c>{{ env.NAME }}</c>) the template reads.</summary>
    public IEnumerable<string> EnvNames => Parts.OfType<EnvPart>().Select(p => p.Name).Distinct();

    /// <summary>The data set columns (<c>{{ SET.COLUMN }}</c>) the template reads.</summary>
    public IEnumerable<DataPart> DataColumns => Parts.OfType<DataPart>().Distinct();

    /// <summary>True when the template is plain text and needs no work per request.</summary>
    public bool IsLiteral => Parts.All(p => p is LiteralPart);
}
